// Placeholder until the platform builder lands (same commit series).
