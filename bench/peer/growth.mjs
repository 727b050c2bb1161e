// The peer of the Monte Carlo benchmark (scripts/bench.sh, step peer): a toy
// growth model in Squiggle 0.10 with three uncertain inputs (the ranges of
// bench/uncertainty.json, as triangular distributions around the default
// scenario's values), 10,000 samples, 120 months: users, monthly cost and cost
// per customer each month. Run as a whole node process: `node growth.mjs`.
import { run } from '@quri/squiggle-lang';

const code = `
growth = triangular(0.06, 0.12, 0.2)
requests = triangular(80, 150, 300)
arpa = triangular(150, 250, 400)
month(t) = {
  users = 2000 * (1 + growth) ^ t
  customers = users * 0.6 * 0.05
  cost = 60 + users * 0.6 * 0.4 * requests * 30.4 * 0.0000004 + customers * arpa * 0.029
  { users: users, cost: cost, perCustomer: cost / customers }
}
months = List.map(List.upTo(0, 120), month)
last = months[120]
summary = { users: mean(last.users), cost: mean(last.cost), perCustomer: mean(last.perCustomer) }
`;

const out = await run(code, { environment: { sampleCount: 10000, xyPointLength: 1000, seed: 'headroom' } });
if (!out.result.ok) {
  console.error(`growth.mjs: Squiggle failed: ${out.result.value.toString()}`);
  process.exit(1);
}
const summary = out.result.value.bindings.get('summary');
console.log(summary.toString());
