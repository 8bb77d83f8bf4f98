// `n8n execute --rawOutput` prints the run as one JSON document, but n8n's log lines (task runner
// registration, deprecation notices, …) share stdout and can come before or after it, depending on
// timing. So the run is found as the one complete JSON object that looks like a run, wherever it is.

/** End index (exclusive) of the JSON object or array that opens at `start`, or -1 if it never closes. */
function balancedEnd(text, start) {
	let depth = 0;
	let inString = false;
	for (let index = start; index < text.length; index++) {
		const character = text[index];
		if (inString) {
			if (character === '\\') index++;
			else if (character === '"') inString = false;
		} else if (character === '"') inString = true;
		else if (character === '{' || character === '[') depth++;
		else if (character === '}' || character === ']') {
			depth--;
			if (depth === 0) return index + 1;
		}
	}
	return -1;
}

/** Every complete JSON object in `text` that starts at the beginning of a line, in order. */
function jsonObjectsAtLineStarts(text) {
	const documents = [];
	let position = 0;
	while (position < text.length) {
		const start = text[position] === '{' ? position : text.indexOf('\n{', position) + 1;
		if (start <= 0 && text[position] !== '{') break;
		const end = balancedEnd(text, start);
		if (end > 0) {
			try {
				documents.push(JSON.parse(text.slice(start, end)));
				position = end;
				continue;
			} catch {
				// not JSON after all (a log line that starts with "{"): look further on
			}
		}
		position = start + 1;
	}
	return documents;
}

/** The run (`{ data: { resultData } , status, … }`) printed by `n8n execute --rawOutput`. */
function parseRunOutput(stdout) {
	const runs = jsonObjectsAtLineStarts(stdout).filter(
		(document) =>
			document && typeof document === 'object' && document.data && document.data.resultData,
	);
	if (runs.length !== 1)
		throw new Error(
			`n8n execute printed ${runs.length} run documents, expected 1:\n${stdout.slice(-3000)}`,
		);
	return runs[0];
}

module.exports = { parseRunOutput, jsonObjectsAtLineStarts };
