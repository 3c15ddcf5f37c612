import { validateDataset } from '/work/main/src/load/load-dataset.ts';
import { formatValidationReport } from '/work/main/src/validate/format-report.ts';
const r = await validateDataset('/work/main/data');
console.log(formatValidationReport(r, '/work/main'));
