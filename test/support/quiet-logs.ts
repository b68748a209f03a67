// Test runs show only errors (bugs) unless a spec or the caller asks for more (LOG_LEVEL=info npm test).
process.env.LOG_LEVEL ??= 'error';
