/**
 * Removes credentials from text that may reach an error message, an output item or a log:
 * authorization header values, bearer tokens, HMAC signatures, passwords and client secrets.
 */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
	[/\b(ApiAuth|Bearer|Basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
	[
		/("?(?:authorization|authtoken|access_token|refresh_token|client_secret|password|private_?key|api_?key|token)"?\s*[:=]\s*"?)[^"',&\s}]+/gi,
		'$1[redacted]',
	],
];

export function redactSecrets(text: string, knownSecrets: string[] = []): string {
	let result = text;
	for (const secret of knownSecrets) {
		if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
	}
	for (const [pattern, replacement] of SECRET_PATTERNS)
		result = result.replace(pattern, replacement);
	return result;
}
