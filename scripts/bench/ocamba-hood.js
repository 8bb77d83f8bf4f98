// Ocamba Hood figures for `npm run bench` (issue 6): 300 profile-property updates under tier C
// (150/min, 10/s) against the time the limit allows, with 0 429s and 0 failed items; bulk
// custom-property updates for 1,000 profiles in ≤ 10 requests; the trigger's requests per poll over
// 10,000 unchanged profiles (issue 11) and its static data at 100,000 unsubscribed. The sandbox runs in its own process
// with its rate-limit windows shortened by TIME_SCALE (1 s → 1/TIME_SCALE s, 1 min → 60/TIME_SCALE s):
// every rate is TIME_SCALE times higher and every ideal time TIME_SCALE times shorter.
const {
	sandboxControl,
	singleNodeWorkflow,
	measureRun,
	startSandboxProcess,
} = require('../bench-lib');
const { DEFAULT_TOKEN } = require('../../sandbox/ocamba-hood');
const { createPoller } = require('../../test/harness/poll');

const TIME_SCALE = Number(process.env.OCAMBA_BENCH_TIME_SCALE || 5);
const NODE = 'Ocamba Hood';
const STEADY_PER_MINUTE = 150;
const BURST_PER_SECOND = 10;

function workflow(parameters, items, credentialId) {
	return singleNodeWorkflow({
		type: 'n8n-nodes-personalization.ocambaHood',
		name: NODE,
		credentialType: 'ocambaHoodApi',
		credentialId,
		parameters,
		items,
	});
}

const rows = (count) => Array.from({ length: count }, (_, n) => ({ n }));

async function run(report) {
	const { url, stop } = await startSandboxProcess('ocamba-hood');
	const control = sandboxControl(url);
	// Every figure starts with fresh sandbox windows and its own credential id, so its own pacer:
	// what one run learnt from the headers does not hold up the next.
	let figure = 0;
	const measure = async (parameters, items) => {
		await control('ocamba-hood/limits', 'POST', { timeScale: TIME_SCALE });
		const credentialId = `ocambaBench${++figure}`;
		const credentials = {
			ocambaHoodApi: {
				id: credentialId,
				name: 'bench',
				data: { apiToken: DEFAULT_TOKEN, baseUrl: url },
			},
		};
		return await measureRun({
			workflow: workflow(parameters, items, credentialId),
			nodeName: NODE,
			credentials,
			control,
		});
	};
	// The node's default pace (150/min = 2.5/s) on the sandbox's faster clock.
	const defaultPace = { requestsPerSecond: (STEADY_PER_MINUTE / 60) * TIME_SCALE };
	try {
		await control('reset', 'POST');
		const { properties } = await control('ocamba-hood/seed', 'POST', {
			properties: [{ label: 'bench_note', description: 'start' }],
		});
		const update = (requestOptions) => ({
			resource: 'profileProperty',
			operation: 'update',
			propertyId: { __rl: true, mode: 'id', value: properties[0].id },
			updateFields: { description: '={{ "revision " + $json.n }}' },
			requestOptions,
		});

		await measure(update(defaultPace), rows(20)); // warm-up: JIT, node loading, sockets

		// (a) 300 updates at the default pace: 150/min allows 300 requests in 2 minutes.
		const idealSeconds = (300 / STEADY_PER_MINUTE) * (60 / TIME_SCALE);
		const paced = await measure(update(defaultPace), rows(300));
		report(
			`(a) 300 profile-property updates, tier C with time ${TIME_SCALE}x faster`,
			`${paced.seconds.toFixed(2)} s = ${(paced.seconds / idealSeconds).toFixed(3)}x of the ${idealSeconds} s that 150/min allows (120 s unscaled), ${paced.requests} requests, ${paced.rateLimited} 429s, ${paced.failedItems} failed items`,
		);

		// (b) custom properties of 1,000 profiles through /profiles/import.
		const seeded = await control('ocamba-hood/seed', 'POST', {
			properties: [{ label: 'loyalty_tier' }],
			profiles: rows(1000).map(({ n }) => ({ email: `bench${n}@example.com` })),
		});
		const profiles = seeded.profiles.map((profile, n) => ({
			id: profile.id,
			tier: ['bronze', 'silver', 'gold'][n % 3],
		}));
		const bulk = await measure(
			{
				resource: 'profile',
				operation: 'updateCustomProperties',
				profileId: '={{ $json.id }}',
				customProperties: {
					property: [{ key: 'loyalty_tier', type: 'string', value: '={{ $json.tier }}' }],
				},
				requestOptions: defaultPace,
			},
			profiles,
		);
		const { profiles: stored } = await control('ocamba-hood/store');
		const applied = stored.filter((profile) => profile.custom_properties.loyalty_tier).length;
		report(
			'(b) updateCustomProperties for 1,000 profiles (goal ≤ 10 requests)',
			`${bulk.requests} requests (batch size 100), ${bulk.seconds.toFixed(2)} s, ${applied} profiles updated, ${bulk.failedItems} failed items; one PATCH per profile would be 1,000 requests = 400 s at 150/min`,
		);

		// (c) reading them back.
		const list = await measure(
			{ resource: 'profile', operation: 'getAll', returnAll: true, requestOptions: defaultPace },
			[{}],
		);
		report(
			'(c) profile getAll, Return All over 1,000',
			`${list.requests} requests (page=N,500), ${list.outputItems} items, ${list.seconds.toFixed(2)} s`,
		);

		// (a') the updates with Max Requests per Second raised to the 10/s burst: only the
		// X-RateLimit headers keep the run from 429s.
		const bursty = await measure(
			update({ requestsPerSecond: BURST_PER_SECOND * TIME_SCALE }),
			rows(300),
		);
		report(
			"(a') the same, rate raised to the 10/s burst (pacing from X-RateLimit-* only)",
			`${bursty.seconds.toFixed(2)} s, ${bursty.rateLimited} 429s, ${bursty.failedItems} failed items (fixed windows let bursts finish before 2 min)`,
		);

		// (d) The trigger over 10,000 unchanged profiles (created one a minute, 1 % unsubscribed) and
		// 20 campaigns: requests per poll and static data.
		await control('reset', 'POST');
		const start = Date.parse('2026-01-01T00:00:00Z');
		const hoodTime = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
		await control('ocamba-hood/seed', 'POST', {
			profiles: rows(10_000).map(({ n }) => ({
				email: `trigger${n}@example.com`,
				status: n % 100 === 0 ? 'unsubscribed' : 'active',
				create_time: hoodTime(start + n * 60_000),
			})),
			campaigns: rows(20).map(({ n }) => ({ name: `Campaign ${n}`, status: 'running' })),
		});
		const poller = await createPoller({
			type: 'n8n-nodes-personalization.ocambaHoodTrigger',
			parameters: {
				events: ['profileCreated', 'profileUnsubscribed', 'campaignStatusChanged'],
			},
			credentials: { ocambaHoodApi: { id: 'ocambaBenchTrigger', name: 'bench' } },
			credentialData: {
				ocambaHoodApi: {
					id: 'ocambaBenchTrigger',
					name: 'bench',
					data: { apiToken: DEFAULT_TOKEN, baseUrl: url },
				},
			},
		});
		const beforeBaseline = await control('stats');
		await poller.poll();
		const beforePoll = await control('stats');
		const unchanged = await poller.poll();
		const afterPoll = await control('stats');
		report(
			'(d) trigger poll over 10,000 unchanged profiles (100 unsubscribed) and 20 campaigns',
			`${afterPoll.requests - beforePoll.requests} requests (1 per event type: create_time cursor, the unsubscribed profiles at 500 a page, the campaigns at 500 a page), ${unchanged.length} events; the baseline took ${beforePoll.requests - beforeBaseline.requests}; static data ${(poller.staticDataSize() / 1024).toFixed(1)} KiB`,
		);
		const unsubscribedIds = rows(100_000).map(({ n }) => String(17430755068336100383n + BigInt(n)));
		report(
			'(d) trigger static data at 100,000 unsubscribed profiles',
			`${(JSON.stringify({ ids: unsubscribedIds }).length / 1024 / 1024).toFixed(1)} MiB (their IDs; profiles that never unsubscribed cost nothing)`,
		);
	} finally {
		stop();
	}
}

module.exports = { name: 'Ocamba Hood', run };
