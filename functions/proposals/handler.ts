import { lambdaHandler } from '../lib/lambda-deps';
import { proposalRoutes } from './app';

export const handler = lambdaHandler([proposalRoutes]);
