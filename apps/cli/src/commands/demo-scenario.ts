import type { TaskAction } from '@duban/domain';
import type { TransitionInput } from '@duban/tasks';
import { actionItems, type SamplePlan } from './sample-plan.js';

/** One thing a real actor does to one task at a simulated instant. */
export interface DemoStep {
  /** ISO instant (written in Asia/Shanghai, +08:00). */
  at: string;
  /** Who acts: `coordinator`, or the registry code of the department whose lead acts. */
  by: string;
  /** Which task: item number (the last path token) and the department it was first assigned to. */
  item: number;
  assignedTo: string;
  action: TaskAction;
  input?: TransitionInput;
  /** A text file uploaded as evidence and cited by the progress report. */
  evidence?: { fileName: string; text: string };
}

/**
 * A dispatch slip the demo makes on purpose so the decline → reassign path shows up: item 20 (seed
 * industry platforms) also goes to the medical college, which sends it back as not theirs; the
 * coordinator reassigns it to the normal university. The sample plan itself stays as an official wrote it.
 */
export const DEMO_MISASSIGNMENT = {
  item: 20,
  department: 'chuxiong.school.chuxiong-medical',
  reassignTo: 'chuxiong.school.chuxiong-normal',
} as const;

/** Simulated time: from dispatch right after the plan was issued to the end of 2024. */
export const DEMO_START = '2023-10-16T10:00:00+08:00';
export const DEMO_END = '2024-12-02T09:00:00+08:00';

const at = (date: string, time = '09:30') => `${date}T${time}:00+08:00`;

export function itemNumber(path: string): number {
  const n = Number(path.split('.').pop());
  if (!Number.isInteger(n)) throw new Error(`plan item ${path} does not end in a task number`);
  return n;
}

/**
 * The lifecycle the demo walks, in time order: most leads sign for their task; some finish on time,
 * one is returned for rework and resubmitted, one asks for an extension that is granted, one support
 * department declines and the task is reassigned; the rest stay open at various stages.
 */
export function demoScenario(plan: SamplePlan): DemoStep[] {
  const items = new Map(actionItems(plan).map((i) => [itemNumber(i.path), i]));
  const item = (n: number) => {
    const found = items.get(n);
    if (!found) throw new Error(`the demo scenario needs task ${n}, which the sample plan lacks`);
    return found;
  };
  const lead = (n: number) => item(n).lead;
  const supports = (n: number) => [...(item(n).support ?? [])];
  const heading = (n: number) => item(n).heading;
  const steps: DemoStep[] = [];
  const byDept = (when: string, n: number, dept: string, action: TaskAction, input?: TransitionInput, evidence?: DemoStep['evidence']) =>
    steps.push({ at: when, by: dept, item: n, assignedTo: dept, action, input, evidence });
  const byCoordinator = (when: string, n: number, dept: string, action: TaskAction, input?: TransitionInput) =>
    steps.push({ at: when, by: 'coordinator', item: n, assignedTo: dept, action, input });
  const progress = (percent: number, narrative: string): TransitionInput => ({ percent, narrative });
  const slip = DEMO_MISASSIGNMENT;

  const notSigned = [17, 21];
  const allItems = [...items.keys()];
  for (const n of allItems) if (!notSigned.includes(n)) byDept(at('2023-10-17'), n, lead(n), 'accept');

  byDept(at('2023-10-17', '15:00'), slip.item, slip.department, 'decline', {
    reason: '本校为医药类院校，未设种业相关学科，不具备承担种业创新平台建设的条件，请重新交办',
  });
  byCoordinator(at('2023-10-18', '10:00'), slip.item, slip.department, 'reassign', {
    departmentId: slip.reassignTo,
    reason: '改由楚雄师范学院配合（设有农学、生物相关专业）',
  });
  steps.push({ at: at('2023-10-19'), by: slip.reassignTo, item: slip.item, assignedTo: slip.department, action: 'accept' });

  // Support departments sign on most items; on 6 and 9 only the first three counties have so far.
  const counties = (code: string) => code.includes('.county.');
  const supportsSigning = new Map<number, string[]>();
  for (const n of [1, 2, 3, 4, 5, 8, 10, 11, 12, 15, 18, 19, 20, 22, 23]) supportsSigning.set(n, supports(n));
  for (const n of [6, 9]) {
    const all = supports(n);
    supportsSigning.set(n, [...all.filter((c) => !counties(c)), ...all.filter(counties).slice(0, 3)]);
  }
  for (const [n, codes] of supportsSigning) for (const code of codes) byDept(at('2023-10-19'), n, code, 'accept');

  byDept(at('2023-11-15'), 12, lead(12), 'report_progress', progress(40, '楚雄州产教联合体组建方案已报州政府审定，5个行业产教融合共同体完成牵头院校遴选。'), {
    fileName: '楚雄州产教联合体组建方案（送审稿）.txt',
    text: '楚雄州产教联合体组建方案（送审稿）\n一、组建目标\n二、成员单位\n三、运行机制\n',
  });
  byDept(at('2023-11-20'), 1, lead(1), 'report_progress', progress(60, '已印发党组织书记抓党建述职评议工作方案，中小学校党组织领导的校长负责制在87%的学校落实。'), {
    fileName: '党组织书记抓党建述职评议工作方案.txt',
    text: '关于开展2023年度学校党组织书记抓党建工作述职评议的通知\n',
  });
  byDept(at('2023-11-30'), 8, lead(8), 'report_progress', progress(80, '“县管校聘”改革覆盖全部县市，完成中小学校长职级评定412人。'), {
    fileName: '县管校聘改革进展统计表.txt',
    text: '县市\t交流轮岗人数\t竞聘上岗人数\n',
  });
  for (const n of [1, 8, 12]) {
    for (const code of supports(n)) byDept(at('2023-12-05'), n, code, 'report_progress', progress(100, `已按职责完成“${heading(n)}”配合工作。`));
  }
  for (const n of [1, 8, 12]) for (const code of supports(n)) byDept(at('2023-12-05', '16:00'), n, code, 'submit', { comment: '配合任务已完成，申请办结' });
  byDept(at('2023-12-15', '14:00'), 12, lead(12), 'request_extension', {
    dueDate: '2024-06-30',
    reason: '云南武定乡村振兴学院设立须经省级审批，预计2024年上半年完成，申请延期至2024年6月30日',
  });
  byCoordinator(at('2023-12-18'), 12, lead(12), 'grant_extension', { comment: '同意延期，请按月报送进展' });
  byDept(at('2023-12-20'), 1, lead(1), 'submit', { comment: '校长负责制已全面建立，申请办结' });
  byCoordinator(at('2023-12-22'), 1, lead(1), 'return', { reason: '佐证材料不全：缺少各县市学校党组织书记述职评议记录，请补充后重新报送' });
  byDept(at('2023-12-25'), 8, lead(8), 'submit', { comment: '年度改革任务已完成，申请办结' });
  byDept(at('2023-12-26'), 1, lead(1), 'report_progress', progress(100, '已补充10个县市学校党组织书记述职评议记录，校长负责制在全部中小学校落实。'), {
    fileName: '各县市学校党组织书记述职评议记录汇总.txt',
    text: '各县市学校党组织书记述职评议记录汇总（10个县市）\n',
  });
  byDept(at('2023-12-27'), 1, lead(1), 'submit', { comment: '已补充述职评议记录，重新申请办结' });
  byCoordinator(at('2023-12-28'), 8, lead(8), 'approve', { rating: '优', comment: '按期高质量完成' });
  for (const n of [1, 8, 12]) for (const code of supports(n)) byCoordinator(at('2023-12-28', '15:00'), n, code, 'approve', { rating: '良' });
  byCoordinator(at('2023-12-29'), 1, lead(1), 'approve', { rating: '良', comment: '补充材料齐全，予以办结' });

  const inProgress = [2, 3, 4, 6, 9, 11, 13, 15, 16, 18, 19, 22, 23];
  for (const n of inProgress) {
    byDept(at('2024-03-15'), n, lead(n), 'report_progress', progress(30, `“${heading(n)}”年度工作方案已印发，各项措施按计划推进。`),
      n === 15 ? { fileName: '三校一中心项目建设月报（2024年2月）.txt', text: '楚雄师院新校区主体工程完成42%\n' } : undefined);
  }
  for (const n of [5, 10, 15]) {
    for (const code of supportsSigning.get(n) ?? []) byDept(at('2024-03-20'), n, code, 'report_progress', progress(30, `按职责配合推进“${heading(n)}”。`));
  }
  byDept(at('2024-05-20'), 12, lead(12), 'report_progress', progress(100, '云南武定乡村振兴学院已获省政府批复设立，楚雄州产教联合体挂牌运行。'), {
    fileName: '关于设立云南武定乡村振兴学院的批复.txt',
    text: '云南省人民政府关于设立云南武定乡村振兴学院的批复\n',
  });
  byDept(at('2024-06-10'), 12, lead(12), 'submit', { comment: '已在延期后的期限内完成，申请办结' });
  byCoordinator(at('2024-06-20'), 12, lead(12), 'approve', { rating: '优' });
  byDept(at('2024-06-28'), 5, lead(5), 'report_progress', progress(70, '“平安校园”巩固提升率达93%，完成防溺水专项行动和地震应急演练。'), {
    fileName: '2024年上半年平安校园创建工作总结.txt',
    text: '2024年上半年平安校园创建工作总结\n',
  });
  byDept(at('2024-06-28', '11:00'), 10, lead(10), 'report_progress', progress(60, '已组建基础教育集团7个、学区制管理示范区14个。'));
  for (const n of [2, 6, 9, 15, 22, 23]) {
    byDept(at('2024-09-10'), n, lead(n), 'report_progress', progress(60, `“${heading(n)}”过半目标完成，正按年度计划推进。`));
  }
  for (const code of supportsSigning.get(5) ?? []) {
    byDept(at('2024-10-15'), 5, code, 'report_progress', progress(100, '配合开展校园周边治安整治和应急演练，任务完成。'));
  }
  for (const code of supportsSigning.get(5) ?? []) byDept(at('2024-10-15', '16:00'), 5, code, 'submit');
  byDept(at('2024-11-20'), 5, lead(5), 'submit', { comment: '“平安校园”巩固提升率达100%，申请办结' });
  byDept(at('2024-11-25'), 10, lead(10), 'report_progress', progress(100, '已组建基础教育集团11个、学区制管理示范区21个，达到年度目标。'), {
    fileName: '基础教育集团和学区制管理示范区名单.txt',
    text: '基础教育集团（11个）\n学区制管理示范区（21个）\n',
  });
  byDept(at('2024-11-25', '15:00'), 10, lead(10), 'submit', { comment: '年度目标已完成，申请办结' });
  byCoordinator(at('2024-11-28'), 5, lead(5), 'approve', { rating: '良' });
  for (const code of supportsSigning.get(5) ?? []) byCoordinator(at('2024-11-28', '15:00'), 5, code, 'approve', { rating: '良' });
  return steps;
}
