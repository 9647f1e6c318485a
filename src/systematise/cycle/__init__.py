"""The yearly cycle: stable initiative IDs across submissions and years."""
