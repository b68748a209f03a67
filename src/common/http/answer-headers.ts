import { FastifyReply } from 'fastify';

/** What a create answer says besides its body: 201 or a replay's 200, and whether it is a replay. */
interface AnswerStatus {
  status: number;
  replayed: boolean;
}

/** Sets a create answer's status, `Location` and `Idempotent-Replayed` (contract: Conventions). */
export function setAnswerHeaders(reply: FastifyReply, answer: AnswerStatus, location: string): void {
  void reply.status(answer.status).header('Location', location);
  if (answer.replayed) void reply.header('Idempotent-Replayed', 'true');
}

/** The headers setAnswerHeaders sets, as the OpenAPI document describes them. */
export const CREATED_ANSWER_HEADERS = (what: string) => ({
  Location: { description: `URL of the new ${what}`, schema: { type: 'string', format: 'uri-reference' } },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`.',
    schema: { type: 'string', enum: ['true'] },
  },
});
