import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import type { StackContext } from 'sst/constructs';
import { EVIDENCE_EXPIRY_DAYS, isRetained } from './Data.js';

// The generator writes `…/index.html` files; CloudFront's default root object only applies to `/`,
// so a viewer-request function maps directory URLs to their index (AWS CloudFront developer guide,
// "Add index.html to request URLs that don't include a file name").
const INDEX_REWRITE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) request.uri = uri + 'index.html';
  else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) request.uri = uri + '/index.html';
  return request;
}`;

/** The public trend site: a private bucket served only through CloudFront with Origin Access Control. */
export function Site({ stack, app }: StackContext) {
  const bucket = new Bucket(stack, 'SiteBucket', {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    removalPolicy: isRetained(app.stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    // The site is regenerated every round from the table: nothing in the bucket is the only copy.
    autoDeleteObjects: !isRetained(app.stage),
  });

  // Screenshots linked from emails and agency pages (`evidence/<agency>/<file>.jpg`), kept 90 days, served by
  // the same distribution under `evidence/*` so one public address carries the site and its evidence.
  const evidence = new Bucket(stack, 'Evidence', {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    lifecycleRules: [{ id: 'expire-evidence', expiration: Duration.days(EVIDENCE_EXPIRY_DAYS) }],
    removalPolicy: isRetained(app.stage) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    autoDeleteObjects: !isRetained(app.stage),
  });

  const indexRewrite = new CloudFrontFunction(stack, 'IndexRewrite', {
    code: FunctionCode.fromInline(INDEX_REWRITE),
    runtime: FunctionRuntime.JS_2_0,
  });

  const distribution = new Distribution(stack, 'Distribution', {
    comment: `dvcwatch ${app.stage}`,
    defaultRootObject: 'index.html',
    defaultBehavior: {
      // OAC, not the legacy OAI: it signs requests with SigV4 and is what AWS recommends for new origins.
      origin: S3BucketOrigin.withOriginAccessControl(bucket),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      functionAssociations: [{ function: indexRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
    },
    additionalBehaviors: {
      'evidence/*': {
        origin: S3BucketOrigin.withOriginAccessControl(evidence),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      },
    },
  });

  stack.addOutputs({
    SiteUrl: `https://${distribution.distributionDomainName}`,
    SiteBucket: bucket.bucketName,
    DistributionId: distribution.distributionId,
    EvidenceBucket: evidence.bucketName,
  });
  return { bucket, evidence, distribution };
}
