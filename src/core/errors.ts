// Errors meant for the user: a Chinese message that names the file (and sheet and cell where
// it applies). Front ends print the message and exit with code 2.

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
