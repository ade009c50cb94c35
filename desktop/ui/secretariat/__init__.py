"""The secretariat's window: inbox and agenda editor over ``desktop.secretariat.service``."""
