/**
 * The envelope's committed total is changed with UpdateItem (issue 10, item 5):
 * by the envelopes function when figures change, and inside the calls
 * function's transactions when a call's amount is committed. Least privilege
 * must still grant each function the action its code now sends, or AWS would
 * refuse what DynamoDB Local accepts.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEnveloppe } from '../../infra/lib/enveloppe';

let api: Template;
beforeAll(() => {
  const app = new App({ outdir: 'cdk.out/test-grants' });
  api = Template.fromStack(
    buildEnveloppe(app, {
      env: { account: '123456789012', region: 'ca-central-1' },
      webUrl: 'https://enveloppe.example.org/',
      authDomainPrefix: 'enveloppe-test',
    }).api,
  );
}, 300_000); // bundling every function with esbuild

/** The DynamoDB actions granted to one function's role, found through the policy attached to it. */
function dynamoActionsOf(functionPrefix: string): string[] {
  const policies = api.findResources('AWS::IAM::Policy');
  const entry = Object.entries(policies).find(([logicalId]) => logicalId.startsWith(functionPrefix));
  expect(entry, `a policy for ${functionPrefix}`).toBeDefined();
  const statements = (entry![1] as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }).Properties.PolicyDocument.Statement;
  return statements.flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('dynamodb:'));
}

describe('grants for the envelope commitments', () => {
  it('lets the envelopes and calls functions send UpdateItem, and still no Scan', () => {
    for (const fn of ['EnvelopesFunction', 'CallsFunction']) {
      const actions = dynamoActionsOf(fn);
      expect(actions).toContain('dynamodb:UpdateItem');
      expect(actions).toContain('dynamodb:PutItem');
      expect(actions).not.toContain('dynamodb:Scan');
    }
  });
});
