import { lambdaHandler } from '../lib/lambda-deps';
import { envelopeRoutes } from './app';

export const handler = lambdaHandler([envelopeRoutes]);
