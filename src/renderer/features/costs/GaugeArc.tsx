import { Cell, Pie, PieChart } from 'recharts';

/**
 * A budget gauge's half circle (recharts), in the chunk that holds recharts: the Costs screen's
 * first paint does not wait for it (see SpendOverTime and `BudgetGauge`).
 */
export default function GaugeArc({ data }: { data: Array<{ name: string; value: number; fill: string }> }) {
  return (
    <PieChart width={160} height={92}>
      <Pie
        data={data}
        dataKey="value"
        startAngle={180}
        endAngle={0}
        cx={80}
        cy={84}
        innerRadius={52}
        outerRadius={76}
        stroke="none"
        isAnimationActive={false}
      >
        {data.map((d) => (
          <Cell key={d.name} fill={d.fill} />
        ))}
      </Pie>
    </PieChart>
  );
}
