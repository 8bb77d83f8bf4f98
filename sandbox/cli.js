#!/usr/bin/env node
'use strict';

/**
 * Starts sandbox API servers for demos and manual testing against a real n8n.
 *
 *   node sandbox/cli.js [--service luigisbox]... [--port 4010] [--host 127.0.0.1] [--rate 50] [--burst 50] [--seed]
 *
 * Prints one JSON line mapping service name -> base URL once every server listens, e.g.
 *   {"luigisbox":"http://127.0.0.1:4010"}
 * With several services, the n-th one listens on port + n (port 0 = a free port for each).
 * Steer the servers over HTTP: POST /__sandbox/faults, /__sandbox/rate-limit, /__sandbox/reset, ...
 * Stops on SIGTERM / SIGINT.
 */

const { SERVICES } = require('./services');

const USAGE = `Usage: node sandbox/cli.js [--service ${Object.keys(SERVICES).join('|')}]... [--port 4010] [--host 127.0.0.1] [--rate <requests/s>] [--burst <n>] [--seed]`;

function parseArguments(argv) {
	const options = {
		services: [],
		port: 4010,
		host: '127.0.0.1',
		rate: null,
		burst: null,
		seed: false,
	};
	const valueOf = (index, name) => {
		if (index >= argv.length) throw new Error(`${name} needs a value`);
		return argv[index];
	};
	for (let i = 0; i < argv.length; i++) {
		const argument = argv[i];
		if (argument === '--service') options.services.push(valueOf(++i, argument));
		else if (argument === '--port') options.port = Number(valueOf(++i, argument));
		else if (argument === '--host') options.host = valueOf(++i, argument);
		else if (argument === '--rate') options.rate = Number(valueOf(++i, argument));
		else if (argument === '--burst') options.burst = Number(valueOf(++i, argument));
		else if (argument === '--seed') options.seed = true;
		else if (argument === '--help' || argument === '-h') options.help = true;
		else throw new Error(`Unknown argument ${argument}`);
	}
	if (options.services.length === 0) options.services = Object.keys(SERVICES);
	const unknown = options.services.find((name) => !SERVICES[name]);
	if (unknown) throw new Error(`Unknown service ${unknown}`);
	if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
		throw new Error('--port must be 0..65535');
	if (options.rate !== null && !(options.rate > 0))
		throw new Error('--rate must be a positive number');
	return options;
}

async function main() {
	let options;
	try {
		options = parseArguments(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${error.message}\n${USAGE}\n`);
		process.exit(2);
	}
	if (options.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}

	const running = [];
	const urls = {};
	for (const [index, name] of options.services.entries()) {
		const sandbox = SERVICES[name].create({ seed: options.seed });
		if (options.rate)
			sandbox.setRateLimit({ requestsPerSecond: options.rate, burst: options.burst || undefined });
		const { url } = await sandbox.listen(
			options.port === 0 ? 0 : options.port + index,
			options.host,
		);
		running.push(sandbox);
		urls[name] = url;
	}
	process.stdout.write(`${JSON.stringify(urls)}\n`);

	const stop = async () => {
		await Promise.all(running.map((sandbox) => sandbox.close()));
		process.exit(0);
	};
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
}

main().catch((error) => {
	process.stderr.write(`sandbox: ${error.message}\n`);
	process.exit(1);
});
