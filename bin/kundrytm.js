#!/usr/bin/env node
// The `kundrytm` command, however it is installed (npm link, a global install, npx, npm run): Node resolves
// this file's symlinks, so the CLI's TypeScript sources are found beside it and compiled on load by tsx.
require("tsx/cjs/api").register();
require("../connector/src/cli/main.ts").main(process.argv);
