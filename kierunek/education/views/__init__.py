"""Pages of metropolitan education, one module per part of the plan."""
