// An app that does nothing for 2 s and then prints the longest stall of its event loop, the CPU
// the process used (app thread and llm-otel's export thread) and its resident memory. Run under
// register to see what tracing's work right after start costs the app:
//   OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:9 node --import ./register.js bench/startup/loop-stall.mjs
import { monitorEventLoopDelay } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
const cpuAtStart = process.cpuUsage();
setTimeout(() => {
  delay.disable();
  const cpu = process.cpuUsage(cpuAtStart);
  const ms = (micros) => Math.round(micros / 1000);
  console.log(`longest event-loop stall ${Math.round(delay.max / 1e6)} ms, CPU ${ms(cpu.user + cpu.system)} ms, RSS ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
}, 2000);
