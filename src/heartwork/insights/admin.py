"""Nothing of insights is shown to operators: a person's circle settings are their own."""
