// `npm run bench [-- <service>...]`: the figures for the README. Each service's measurements live in
// scripts/bench/<service>.js and export { name, run(report) }; they run one after another, against
// sandboxes in their own processes, with the nodes run through n8n's real execution engine.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

async function main() {
	// `--peer` runs only the comparison with n8n's HTTP Request node inside a real n8n (bench/peer.js).
	const wanted = process.argv.slice(2).map((name) => (name === '--peer' ? 'peer' : name));
	const directory = path.join(__dirname, 'bench');
	const suites = fs
		.readdirSync(directory)
		.filter((file) => file.endsWith('.js'))
		.filter((file) =>
			wanted.length === 0 ? file !== 'peer.js' : wanted.includes(path.basename(file, '.js')),
		)
		.sort()
		.map((file) => require(path.join(directory, file)));
	const figures = [];
	for (const suite of suites) {
		console.log(`\n## ${suite.name}`);
		await suite.run((label, value) => {
			figures.push([suite.name, label, value]);
			console.log(`${label}: ${value}`);
		});
	}
	console.log(`\nMachine: ${os.cpus().length} cores, Node ${process.version}`);
	console.log('\n| service | figure | result |\n|---|---|---|');
	for (const [service, label, value] of figures)
		console.log(`| ${service} | ${label} | ${value} |`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
