import { createRequire as topLevelCreateRequire } from 'module';const require = topLevelCreateRequire(import.meta.url);
var __defProp = Object.defineProperty;
var __name = (target, value) => __defProp(target, "name", { value, configurable: true });

// stacks/Alarms.ts
import { Duration as Duration3 } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Topic as Topic2 } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { use as use3 } from "sst/constructs";

// stacks/Email.ts
import { Stack } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons
} from "aws-cdk-lib/aws-ses";
import { Topic } from "aws-cdk-lib/aws-sns";
import { LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Function as SstFunction, use } from "sst/constructs";

// stacks/Data.ts
import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, Table } from "aws-cdk-lib/aws-dynamodb";

// packages/core/src/probe-budget.ts
var DEFAULT_PROBE_TIMING = { pageTimeoutMs: 2e4, confirmAttempts: 2, confirmDelayMs: 3e3 };
var CLOSE_TIMEOUT_MS = 5e3;
var CATALOGUE_DEADLINE_MS = 9e4;
var TLS_TIMEOUT_MS = 8e3;
var RECORD_MARGIN_MS = 3e4;
var confirmDelays = /* @__PURE__ */ __name((p) => p.confirmDelayMs * p.confirmAttempts * (p.confirmAttempts + 1) / 2, "confirmDelays");
var agencyWorstCaseMs = /* @__PURE__ */ __name((p, extraMs = 0) => {
  const page = (1 + p.confirmAttempts) * (p.pageTimeoutMs + 2 * CLOSE_TIMEOUT_MS) + confirmDelays(p);
  return 2 * page + CATALOGUE_DEADLINE_MS + 2 * CLOSE_TIMEOUT_MS + TLS_TIMEOUT_MS + extraMs + RECORD_MARGIN_MS;
}, "agencyWorstCaseMs");
var probeTimeoutSeconds = /* @__PURE__ */ __name((p = DEFAULT_PROBE_TIMING) => Math.ceil(agencyWorstCaseMs(p) / 3e4) * 30, "probeTimeoutSeconds");
var VISIBILITY_TIMEOUT_FACTOR = 6;

// packages/core/src/round-clock.ts
var ROUND_START_MINUTE = 0;
var ROUND_DEADLINE_MINUTES = 50;
var ROUND_SCHEDULES = {
  round: `cron(${ROUND_START_MINUTE} * * * ? *)`,
  deadline: `cron(${ROUND_START_MINUTE + ROUND_DEADLINE_MINUTES} * * * ? *)`
};

// stacks/Monitor.ts
import { Duration as Duration2 } from "aws-cdk-lib";
import { PolicyStatement as PolicyStatement2 } from "aws-cdk-lib/aws-iam";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Cron, Function as SstFunction2, use as use2 } from "sst/constructs";

// stacks/Site.ts
import { Duration, RemovalPolicy as RemovalPolicy2 } from "aws-cdk-lib";
import {
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy
} from "aws-cdk-lib/aws-cloudfront";
import { S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { BlockPublicAccess, Bucket, BucketEncryption } from "aws-cdk-lib/aws-s3";

// stacks/Monitor.ts
var PROBE_TIMEOUT_SECONDS = probeTimeoutSeconds();
var PROBE_VISIBILITY_SECONDS = VISIBILITY_TIMEOUT_FACTOR * PROBE_TIMEOUT_SECONDS;
var SCHEDULES = {
  // At the top of every hour: rounds are keyed by the hour, and `rate(1 hour)` would start at the deploy's minute.
  round: ROUND_SCHEDULES.round,
  // Deadline for stragglers, an offset from the round's start: whatever has not reported is recorded as `error`.
  finalize: ROUND_SCHEDULES.deadline,
  // Monday 08:00 in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) is Monday 01:00 UTC.
  digest: "cron(0 1 ? * MON *)",
  watchdog: "rate(30 minutes)"
};

// sst.config.ts
var BROWSER_PACKAGES = ["@sparticuz/chromium", "playwright-core"];
var sst_config_default = {
  config() {
    return {
      name: "dvcwatch",
      region: "ap-southeast-1"
    };
  }
};
export {
  BROWSER_PACKAGES,
  sst_config_default as default
};
