import { configure } from "@testing-library/react";

// findBy… and waitFor wait for what a test awaits, not for a time: on a busy 2-core machine a render after a
// mocked response can take longer than the default second.
configure({ asyncUtilTimeout: 5000 });
