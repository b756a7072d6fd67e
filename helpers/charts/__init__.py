"""Figure builders: a result in, a figure updated in place, PNG bytes and alt text out."""
