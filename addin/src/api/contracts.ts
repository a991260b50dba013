/**
 * The contract schemas the pane parses the connector's answers with. Loaded as a chunk of their own
 * (loadContracts), in parallel with sign-in: zod is not part of the pane's first download.
 */
export { JudgementResponse, LogActivityResponse, NextStepProposal, Rhythm } from "../../../shared/api/activity";
export { CardResponse, CompanyCardResponse } from "../../../shared/api/card";
export { ClientConfig, DevTokenResponse } from "../../../shared/api/client-config";
export { ApiError } from "../../../shared/api/errors";
export { LoggedResponse } from "../../../shared/api/meetings";
export { MyWeekResponse } from "../../../shared/api/my-week";
