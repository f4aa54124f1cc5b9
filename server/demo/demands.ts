import type { DemandContent } from '../../shared/contracts/catalog-content.js';

/**
 * Demo technology demands written for Chengguo (fictional): concrete problems
 * with measurable indicators and budgets, across the district's pillar industries.
 */
type Spec = {
  key: string;
  org: string;
  title: string;
  problem: string;
  indicators: string;
  currentState: string;
  /** Budget in 元; null bounds are open. */
  budget: [number | null, number | null];
  modes: DemandContent['cooperationModes'];
  deadline: string;
  section: string;
  division: string;
  techField?: string;
  pillars: string[];
  keywords: string[];
  contact: string;
};

const SPECS: Spec[] = [
  {
    key: 'D01', org: 'wind', title: '风电塔筒环焊缝自动超声检测装备',
    problem: '塔筒环焊缝目前依靠人工超声检测，单节塔筒检测需 2 人 6 小时，漏检率难以控制，制约年产 600 节的产能。需要可爬行的自动超声（相控阵或 TOFD）检测装备及缺陷自动判读软件。',
    indicators: '单节检测时间不超过 1.5 小时；缺陷检出率不低于 98%，误报率低于 5%；符合 NB/T 47013 要求。',
    currentState: '已有手动相控阵检测仪 2 台，持证检测人员 6 名。',
    budget: [800_000, 1_500_000], modes: ['commissioned-development', 'technology-transfer'], deadline: '2027-06-30',
    section: 'C', division: '38', techField: 'F08.03', pillars: ['wind-solar-power-equipment', 'equipment-manufacturing'],
    keywords: ['塔筒', '焊缝检测', '相控阵超声'], contact: '马志刚',
  },
  {
    key: 'D02', org: 'wind', title: '光伏电站板下沙地低耗水植被恢复方案',
    problem: '200 MW 光伏电站场区为流动沙地，组件积沙与支架基础风蚀严重，每年清沙和基础加固费用约 120 万元，需要在不影响发电的前提下恢复板下植被、固定流沙。',
    indicators: '三年植被盖度达到 30% 以上；年补水量每亩不超过 20 方；组件积沙清理频次降低 50%。',
    currentState: '场区已有滴灌主管网，可提供少量中水。',
    budget: [500_000, 900_000], modes: ['technical-service', 'joint-development'], deadline: '2027-03-31',
    section: 'D', division: '44', techField: 'F07.06', pillars: ['wind-solar-power-equipment', 'mechanical-sand-control'],
    keywords: ['光伏治沙', '植被恢复', '板下种植'], contact: '王海燕',
  },
  {
    key: 'D03', org: 'inst', title: '重离子治疗室患者摆位六自由度机器人',
    problem: '治疗室现用摆位床为进口五自由度产品，维护费用高且无法满足非共面照射需求，需要研制负载 200 kg、重复定位精度高的六自由度患者摆位机器人及与治疗控制系统的接口。',
    indicators: '重复定位精度 ±0.2 mm，旋转精度 ±0.1°；负载 200 kg；满足 GB 9706 医用电气安全要求。',
    currentState: '具备治疗控制系统接口协议和临床验证条件。',
    budget: [3_000_000, 6_000_000], modes: ['joint-development', 'commissioned-development'], deadline: '2027-12-31',
    section: 'C', division: '35', techField: 'F02.05', pillars: ['medical-heavy-ion-accelerator', 'equipment-manufacturing'],
    keywords: ['重离子治疗', '摆位机器人', '六自由度'], contact: '赵文博',
  },
  {
    key: 'D04', org: 'serv', title: '辐照加工中心剂量分布快速测绘服务',
    problem: '区内新建钴源辐照中心需对不同堆码方式的产品进行剂量分布测绘，现委托外省机构每次需 3 周，影响新客户投产，需要本地化的剂量测绘方法与培训。',
    indicators: '单次测绘周期不超过 5 个工作日；剂量不确定度 ≤5%（k=2）；符合 GB/T 16841 要求。',
    currentState: '具备辐照装置和基础剂量计，缺少读出设备和经验人员。',
    budget: [150_000, 300_000], modes: ['technical-consulting', 'technical-service'], deadline: '2026-12-31',
    section: 'M', division: '74', techField: 'F06.02', pillars: ['civil-nuclear-equipment'],
    keywords: ['辐照加工', '剂量测绘', '钴源'], contact: '何丽娟',
  },
  {
    key: 'D05', org: 'sand', title: '草方格铺设机麦草自动喂入与防缠绕机构',
    problem: '现有草方格铺设机麦草喂入依赖人工抓放，长麦草易缠绕滚筒，每班需停机清理 6 至 8 次，需要重新设计自动喂入和防缠绕机构。',
    indicators: '连续作业 4 小时无需停机清理；喂草均匀度变异系数 ≤15%；改造单机成本不超过 3 万元。',
    currentState: '已有整机和试验场地，可提供三维模型。',
    budget: [200_000, 400_000], modes: ['commissioned-development'], deadline: '2027-04-30',
    section: 'C', division: '35', techField: 'F09.07', pillars: ['mechanical-sand-control'],
    keywords: ['草方格', '喂入机构', '治沙机械'], contact: '刘永福',
  },
  {
    key: 'D06', org: 'inst', title: '中药材甘草酸高效提取纯化工艺',
    problem: '本地甘草加工企业采用氨水浸提—酸沉工艺，甘草酸纯度仅 75%，废水氨氮高，需要更高纯度、更环保的提取纯化工艺。',
    indicators: '甘草酸纯度 ≥95%，收率不低于现工艺；废水氨氮降低 80%；可在现有提取罐基础上改造。',
    currentState: '年处理甘草 2,000 吨，有 6 m³ 提取罐 4 台。',
    budget: [600_000, 1_000_000], modes: ['technology-transfer', 'commissioned-development'], deadline: '2027-08-31',
    section: 'C', division: '27', techField: 'F02.02', pillars: ['biopharmaceuticals'],
    keywords: ['甘草酸', '大孔树脂', '中药提取'], contact: '韩雪',
  },
  {
    key: 'D07', org: 'chem', title: '含盐有机废水低成本蒸发结晶与分盐',
    problem: '农药中间体车间每天产生含盐（NaCl 约 12%）有机废水 60 吨，目前委托处置费用 2,800 元/吨，需要蒸发结晶与分盐工艺，使结晶盐达到工业盐标准可回用。',
    indicators: '处理成本 ≤450 元/吨；结晶氯化钠纯度 ≥98.5%，TOC ≤50 mg/kg；冷凝水 COD ≤300 mg/L。',
    currentState: '有蒸汽富余 2 t/h，厂区可提供 300 m² 场地。',
    budget: [2_000_000, 4_000_000], modes: ['commissioned-development', 'technology-transfer'], deadline: '2027-05-31',
    section: 'C', division: '26', techField: 'F07.01', pillars: ['fine-chemicals'],
    keywords: ['高盐废水', 'MVR', '分盐'], contact: '孔德明',
  },
  {
    key: 'D08', org: 'food', title: '洋葱皮槲皮素提取与副产物综合利用',
    problem: '洋葱分级加工每年产生外皮和尾料约 3,000 吨，目前作为垃圾清运，需要提取槲皮素等高值成分并利用残渣的技术。',
    indicators: '槲皮素提取率 ≥80%，产品纯度 ≥90%；残渣资源化利用率 ≥90%；投资回收期不超过 3 年。',
    currentState: '具备清洗、烘干设备和食品生产许可证。',
    budget: [300_000, 600_000], modes: ['technology-transfer', 'technical-service'], deadline: '2027-02-28',
    section: 'C', division: '13', techField: 'F09.05', pillars: ['agri-product-deep-processing'],
    keywords: ['洋葱', '槲皮素', '副产物利用'], contact: '马小红',
  },
  {
    key: 'D09', org: 'wine', title: '葡萄酒发酵罐群温控节能改造',
    problem: '酒厂 48 个发酵罐依靠冷水机组和人工阀门控温，夏季发酵期电耗高、温度波动超过 ±2℃，需要分罐自动温控和蓄冷节能方案。',
    indicators: '控温精度 ±0.5℃；发酵期制冷电耗降低 25% 以上；支持手机端监控和历史曲线。',
    currentState: '冷水机组 2 台（共 600 kW），罐体已有夹套。',
    budget: [400_000, 800_000], modes: ['commissioned-development'], deadline: '2026-12-31',
    section: 'C', division: '15', techField: 'F06.04', pillars: ['liquid-economy'],
    keywords: ['葡萄酒', '发酵温控', '节能'], contact: '周静',
  },
  {
    key: 'D10', org: 'univ', title: '戈壁日光温室冬季番茄补光与增温节能技术',
    problem: '戈壁日光温室 12 月至次年 1 月夜温偏低、日照短，番茄坐果率下降 30%，需要低能耗补光和蓄热增温技术。',
    indicators: '夜间最低温提高 3℃ 以上；补光电耗每亩每天 ≤15 kWh；冬季产量提高 20%。',
    currentState: '示范基地有 50 栋温室，可安排对比试验。',
    budget: [200_000, 500_000], modes: ['joint-development', 'technical-consulting'], deadline: '2027-09-30',
    section: 'A', division: '01', techField: 'F09.01', pillars: ['facility-farming-livestock'],
    keywords: ['日光温室', '补光', '蓄热'], contact: '李德全',
  },
  {
    key: 'D11', org: 'univ', title: '枸杞鲜果采后预冷与保鲜包装',
    problem: '黑枸杞和红枸杞鲜果采后常温 2 天即软烂，无法进入鲜果电商渠道，需要田头预冷和气调保鲜包装技术。',
    indicators: '冷链条件下鲜果货架期 ≥15 天；腐烂率 ≤5%；每公斤包装和预冷成本 ≤1.5 元。',
    currentState: '合作社有 50 吨冷库一座。',
    budget: [100_000, 250_000], modes: ['technology-transfer', 'technical-service'], deadline: '2027-04-30',
    section: 'A', division: '01', techField: 'F09.06', pillars: ['specialty-forestry-fruit', 'agri-product-deep-processing'],
    keywords: ['枸杞', '鲜果保鲜', '气调包装'], contact: '王玉兰',
  },
  {
    key: 'D12', org: 'food', title: '甜高粱茎秆汁液浓缩制糖浆工艺',
    problem: '合作社种植甜高粱 3,000 亩，茎秆汁液易酸败，需要在收获后 24 小时内榨汁、澄清并浓缩为可长期储存的糖浆，用于食品和饲料。',
    indicators: '糖浆锤度 ≥70°Bx，常温保存 12 个月不发酵；处理能力 50 吨茎秆/天；吨茎秆加工成本 ≤180 元。',
    currentState: '已有压榨机 1 台，缺少澄清和浓缩设备。',
    budget: [500_000, 1_200_000], modes: ['technology-transfer', 'commissioned-development'], deadline: '2027-07-31',
    section: 'C', division: '14', techField: 'F09.05', pillars: ['sweet-sorghum', 'agri-product-deep-processing'],
    keywords: ['甜高粱', '糖浆', '浓缩'], contact: '田野',
  },
  {
    key: 'D13', org: 'lift', title: '电梯门系统异常开关门视觉识别',
    problem: '住宅电梯困人和夹人投诉中 40% 与门系统异常有关，需要基于轿厢摄像头的门区异物与异常开关门识别算法，可部署在低成本边缘盒子上。',
    indicators: '识别准确率 ≥95%，误报每梯每周 ≤1 次；单路推理延时 ≤200 ms；边缘硬件成本 ≤800 元。',
    currentState: '已接入 1,200 台电梯的物联网平台和视频数据。',
    budget: [300_000, 700_000], modes: ['commissioned-development', 'technology-license'], deadline: '2027-03-31',
    section: 'C', division: '34', techField: 'F08.02', pillars: ['elevator-manufacturing'],
    keywords: ['电梯安全', '视觉识别', '边缘计算'], contact: '杜鹏',
  },
  {
    key: 'D14', org: 'chem', title: '脱硫石膏制高强α型半水石膏',
    problem: '周边电厂每年产生脱硫石膏约 30 万吨，堆存占地，需要将其转化为高强 α 型半水石膏用于自流平砂浆的工艺。',
    indicators: '2 小时抗折强度 ≥5 MPa，干抗压强度 ≥35 MPa；吨产品能耗 ≤60 kgce；生产线规模 5 万吨/年。',
    currentState: '有闲置厂房 6,000 m² 和 10 kV 供电。',
    budget: [1_000_000, 2_500_000], modes: ['technology-transfer', 'joint-development'], deadline: '2027-10-31',
    section: 'C', division: '30', techField: 'F07.03', pillars: ['eco-building-materials'],
    keywords: ['脱硫石膏', 'α半水石膏', '固废利用'], contact: '吴晓峰',
  },
  {
    key: 'D15', org: 'serv', title: '物流园区多式联运集装箱智能堆场管理',
    problem: '铁路物流园区集装箱堆场靠人工记账和对讲调度，翻箱率 35%，需要堆位优化和场桥作业调度系统，与铁路货运系统对接。',
    indicators: '翻箱率降至 15% 以下；集卡平均等待时间缩短 40%；与 95306 货运数据对接。',
    currentState: '堆场容量 3,000 TEU，已有 2 台正面吊和地磅系统。',
    budget: [600_000, 1_200_000], modes: ['commissioned-development', 'technical-service'], deadline: '2027-06-30',
    section: 'G', division: '58', techField: 'F05.06', pillars: ['commerce-logistics'],
    keywords: ['多式联运', '堆场管理', '调度优化'], contact: '魏强',
  },
];

/** The demo demands as import rows (externalId + content). */
export function demoDemands(): { externalId: string; orgKey: string; content: DemandContent }[] {
  return SPECS.map((s) => ({
    externalId: `demo-demand-${s.key}`,
    orgKey: s.org,
    content: {
      title: s.title,
      problem: s.problem,
      indicators: s.indicators,
      currentState: s.currentState,
      budget: {
        ...(s.budget[0] !== null ? { minFen: s.budget[0] * 100 } : {}),
        ...(s.budget[1] !== null ? { maxFen: s.budget[1] * 100 } : {}),
        negotiable: false,
      },
      cooperationModes: s.modes,
      deadline: s.deadline,
      industrySection: s.section,
      industryDivision: s.division,
      ...(s.techField ? { techField: s.techField } : {}),
      pillarTags: s.pillars,
      regionCode: '620602',
      keywords: s.keywords,
      attachments: [],
      contact: { name: s.contact, phone: '0935-2210000' },
    },
  }));
}
