#!/usr/bin/env node
require("../scripts/register.js");
require("../connector/src/cli/main.ts");
