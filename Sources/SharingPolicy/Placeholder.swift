// Built in its own issue; see issues.
