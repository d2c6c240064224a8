import { lambdaHandler } from '../lib/lambda-deps';
import { identityRoutes } from './app';

export const handler = lambdaHandler([identityRoutes]);
