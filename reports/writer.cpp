// Placeholder until the writers land.
