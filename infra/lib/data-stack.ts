import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { INDEXES } from '../../functions/lib/table-schema';
import type { Construct } from 'constructs';

/** The single table (see docs/data-model.md): kept on stack deletion, protected, recoverable to the second. */
export class DataStack extends Stack {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      globalSecondaryIndexes: INDEXES.map((i) => ({
        indexName: i.name,
        partitionKey: { name: i.partitionKey, type: AttributeType.STRING },
        sortKey: { name: i.sortKey, type: AttributeType.STRING },
        ...(i.include ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: i.include } : {}),
      })),
      billing: Billing.onDemand(),
      // Short-lived items (the public consultation's per-minute counters) carry expiresAt, in epoch seconds.
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
