/**
 * A small SVG line chart, one line per series. Hand-written: the UI needs only lines over
 * equal time buckets, and a chart library would be most of the bundle.
 */
const PALETTE = ['#2f6fdf', '#d9534f', '#3a9d5d', '#b26bd6', '#e09a2c', '#1fa2a8', '#7a7a7a', '#c2477f'];

export function colorFor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

export function LineChart(props: { title: string; series: Array<{ name: string; values: Array<number | null> }>; format: (v: number) => string }) {
  const width = 420;
  const height = 150;
  const pad = { left: 52, right: 8, top: 8, bottom: 18 };
  const all = props.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = Math.max(0, ...all) || 1;
  const points = props.series[0]?.values.length ?? 0;
  const x = (i: number) => pad.left + (points <= 1 ? 0 : (i / (points - 1)) * (width - pad.left - pad.right));
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  return (
    <figure class="chart" data-chart={props.title}>
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title}>
        <line x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} class="axis" />
        <text x={pad.left - 4} y={y(max) + 4} class="tick" text-anchor="end">
          {props.format(max)}
        </text>
        <text x={pad.left - 4} y={y(0)} class="tick" text-anchor="end">
          0
        </text>
        {props.series.map((s, index) => {
          const segments: string[] = [];
          let current = '';
          s.values.forEach((v, i) => {
            if (v === null) {
              if (current) segments.push(current);
              current = '';
            } else current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
          });
          if (current) segments.push(current);
          return (
            <g key={s.name} stroke={colorFor(index)} fill={colorFor(index)}>
              {segments.map((d, k) => (
                <path key={k} d={d} fill="none" stroke-width="2" />
              ))}
              {s.values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r="2" />))}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
