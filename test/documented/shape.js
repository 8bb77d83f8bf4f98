// Comparisons against the vendors' documented examples (test/fixtures/documented/). Documented values
// are examples, so shapes are compared: every documented key present, with the same JSON type.

function jsonType(value) {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/** Paths where `actual` lacks a key of `documented` or has another JSON type there. */
function shapeDifferences(actual, documented, path = '$') {
	const documentedType = jsonType(documented);
	const actualType = jsonType(actual);
	// null in an example says "may be empty"; it fits any type.
	if (documentedType === 'null') return [];
	if (actualType !== documentedType)
		return [`${path}: documented ${documentedType}, got ${actualType}`];
	if (documentedType === 'array') {
		if (documented.length === 0 || actual.length === 0) return [];
		return actual.flatMap((entry, index) =>
			shapeDifferences(entry, documented[0], `${path}[${index}]`),
		);
	}
	if (documentedType === 'object') {
		return Object.keys(documented).flatMap((key) =>
			key in actual
				? shapeDifferences(actual[key], documented[key], `${path}.${key}`)
				: [`${path}.${key}: documented, missing`],
		);
	}
	return [];
}

/** Fails with every difference listed. */
function expectDocumentedShape(actual, documented) {
	const differences = shapeDifferences(actual, documented);
	if (differences.length)
		throw new Error(`answer differs from the documented shape:\n${differences.join('\n')}`);
}

/** The body of a request a sandbox recorded (`rawBody`): parsed when it is JSON, else the text. */
function receivedBody(received) {
	const text = received.rawBody === undefined ? '' : String(received.rawBody);
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * Method, path, query and body of a request that reached a sandbox (an entry of `sandbox.requests`),
 * compared with a documented one. String bodies (NDJSON, forms) are compared as text.
 */
function expectSameRequest(received, documented) {
	expect(received.method).toBe(documented.method);
	expect(received.path).toBe(documented.path);
	if (documented.query) expect(received.query).toEqual(expect.objectContaining(documented.query));
	if (documented.body !== undefined) {
		if (typeof documented.body === 'string') expect(String(received.rawBody)).toBe(documented.body);
		else expect(receivedBody(received)).toEqual(documented.body);
	}
}

module.exports = { shapeDifferences, expectDocumentedShape, expectSameRequest, receivedBody };
