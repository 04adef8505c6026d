// The table for people: each metric, both figures, the ratio, and the issue-5 target where there is one.
const TARGETS = [
	[/^start_to_pods/, 'ratio ≤ 1.0', row => row.rollwatch / row.kubectl <= 1],
	[/^event_to_screen_p99_ms@1000/, '≤ 50 ms', row => row.rollwatch <= 50],
	[/^cpu_us_per_event/, '≤ kubectl', row => row.rollwatch <= row.kubectl],
	[/^peak_rss_mb@\d+_pods/, '≤ 150 MB', row => row.rollwatch <= 150],
	[/^terminal_bytes_per_s/, '≤ kubectl', row => row.rollwatch <= row.kubectl],
	[/^key_to_frame_p99/, '≤ 50 ms', row => row.rollwatch <= 50],
];

const number = value => (value === null || value === undefined ? '—' : Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(Math.abs(value) >= 10 ? 1 : 2));

export function printTable(rows, {quick}) {
	const lines = [['metric', 'unit', 'rollwatch', 'kubectl', 'ratio', 'target', '']];
	for (const row of rows) {
		const target = TARGETS.find(([pattern]) => pattern.test(row.metric));
		const ratio = typeof row.kubectl === 'number' && row.kubectl > 0 ? `${(row.rollwatch / row.kubectl).toFixed(2)}×` : '';
		lines.push([row.metric, row.unit, number(row.rollwatch), number(row.kubectl), ratio, target?.[1] ?? '', target ? (target[2](row) ? 'met' : 'MISSED') : '']);
	}
	const widths = lines[0].map((_, column) => Math.max(...lines.map(line => line[column].length)));
	const out = lines.map(line => line.map((cell, column) => (column >= 2 && column <= 4 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd());
	out.splice(1, 0, widths.map(width => '-'.repeat(width)).join('  '));
	console.log(`${quick ? 'rollwatch bench (--quick: reduced sizes)' : 'rollwatch bench'}\n${out.join('\n')}`);
}
