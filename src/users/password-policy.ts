import { FieldErrors } from '../common/errors/domain-errors';

export const MIN_PASSWORD_LENGTH = 8;

/** Why a password is too weak to accept (empty when it is fine), in the style of Django's validators. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  if (/^\d+$/.test(password)) problems.push('password must not be entirely numeric');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('password must not contain the username');
  return problems;
}

export function passwordFieldErrors(password: string, username: string): FieldErrors | undefined {
  const problems = passwordProblems(password, username);
  return problems.length ? { password: problems } : undefined;
}
