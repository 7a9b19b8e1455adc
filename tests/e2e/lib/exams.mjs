// The small electrician question bank of exams.test.mjs: written as a 题库导入模板 .xlsx, and its
// answer key by stem so that the browser can pick the right options by their text (the shown option ids
// are opaque and the options shuffled per candidate).
import writeXlsxFile from 'write-excel-file/node'

export const BANK_HEADER = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '分值', '难度', '分类', '解析/评分要点']

// [题型, 题干, options, 答案, 分值, 难度, 分类, 解析]
export const BANK = [
  ['单选题', '我国工频交流电的频率是多少？', ['50Hz', '60Hz', '100Hz', '25Hz'], 'A', '1', '易', '电工基础', '我国电网频率为50Hz。'],
  ['单选题', '电气设备着火时，首先应当怎样做？', ['切断电源', '用水扑救', '打开门窗', '离开现场'], 'A', '1', '易', '安全用电', '先断电再灭火。'],
  ['单选题', '三相四线制供电中，中性线的颜色通常为？', ['淡蓝色', '黄色', '绿色', '红色'], 'A', '1', '较易', '电工基础', ''],
  ['单选题', '使用万用表测量电阻前应先进行哪一步？', ['欧姆调零', '测量电压', '断开表笔', '选择电流挡'], 'A', '1', '中等', '仪表', ''],
  ['单选题', '一般环境下，人体允许接触的安全电压上限是多少？', ['36V', '110V', '220V', '380V'], 'A', '1', '中等', '安全用电', ''],
  ['多选题', '下列属于绝缘安全用具的有哪些？', ['绝缘手套', '绝缘靴', '钢丝钳', '验电器'], 'ABD', '2', '中等', '安全用电', ''],
  ['多选题', '发现有人触电时，正确的做法有哪些？', ['迅速切断电源', '用干燥木棒挑开电线', '直接用手拉开触电者', '立即进行心肺复苏'], 'ABD', '2', '较难', '安全用电', ''],
  ['判断题', '在高压带电设备上工作必须办理工作票。', [], '正确', '1', '易', '安全用电', ''],
  ['判断题', '可以用湿手直接操作电气开关。', [], '错误', '1', '易', '安全用电', ''],
  ['填空题', '我国低压照明电路的额定电压是____V。', [], '220|220V', '1', '易', '电工基础', ''],
  ['填空题', '三相交流电各相之间的相位差是____度，频率是____Hz。', [], '120；50', '2', '中等', '电工基础', ''],
  ['简答题', '简述停电检修前应做好的安全技术措施。', [], '停电、验电、装设接地线、悬挂标示牌和装设遮栏', '4', '较难', '安全用电', '']
]

/** Answer key by stem: { type, texts } for choices (the right option texts), { blanks } for fill-in, { text } for short answers. */
export const KEY = new Map(
  BANK.map(([type, stem, options, answer]) => {
    if (type === '判断题') return [stem, { type, texts: [answer] }]
    if (type === '填空题') return [stem, { type, blanks: answer.split('；').map((b) => b.split('|')[0]) }]
    if (type === '简答题') return [stem, { type, text: '先停电，再验电，然后装设接地线，并悬挂标示牌和装设遮栏。' }]
    return [stem, { type, texts: [...answer].map((l) => options[l.charCodeAt(0) - 65]) }]
  })
)

/** Writes the bank as a template .xlsx (every cell as text, as people type them). */
export async function writeBankXlsx(path, bank = BANK) {
  const rows = bank.map(([type, stem, options, answer, marks, difficulty, category, explanation]) => [
    type,
    stem,
    ...[0, 1, 2, 3].map((i) => options[i] || ''),
    answer,
    marks,
    difficulty,
    category,
    explanation
  ])
  const data = [BANK_HEADER, ...rows].map((r) => r.map((v) => (v === '' ? null : { type: String, value: String(v) })))
  await writeXlsxFile(data, { sheet: '题库' }).toFile(path)
  return path
}

/**
 * Answers the question on screen (QuestionCard) from the key: right, or deliberately wrong when
 * `wrong` is set. Returns the key entry used.
 */
export async function answerShown(page, { wrong = false } = {}) {
  const sel = (n) => `[data-test="${n}"]`
  const card = page.locator('[data-test^="question-"][data-type]').first()
  const stem = (await card.locator(sel('question-stem')).innerText()).trim()
  const key = KEY.get(stem)
  if (!key) throw new Error(`no answer key for the stem "${stem}"`)
  if (key.texts) {
    const options = card.locator('button.option')
    const n = await options.count()
    let clicked = 0
    for (let i = 0; i < n; i++) {
      const text = (await options.nth(i).locator('.opt-text').innerText()).trim()
      const right = key.texts.includes(text)
      if (right !== wrong) {
        await options.nth(i).click()
        clicked++
        if (wrong) break
      }
    }
    if (!clicked) throw new Error(`no option clicked for "${stem}"`)
  } else if (key.blanks) {
    for (let i = 0; i < key.blanks.length; i++) await card.locator(`${sel('blank-' + i)} input, input${sel('blank-' + i)}`).first().fill(wrong ? '999' : key.blanks[i])
  } else {
    await card.locator(`${sel('answer-text')} textarea, textarea${sel('answer-text')}`).first().fill(key.text)
  }
  return key
}

/**
 * The right response to a shown question (exam or practice, over the API) from the bank's questions as
 * an organiser reads them (options with `correct`, blanks with `accepted`): matched by stem, choices by
 * option text. `wrong` picks the first wrong option instead (choices only).
 */
export function rightResponse(shown, bank, { wrong = false } = {}) {
  const q = bank.find((b) => b.stem === shown.stem)
  if (!q) throw new Error(`no bank question with the stem "${shown.stem}"`)
  if (shown.type === 'fill_blank') return { blanks: q.blanks.map((b) => b.accepted[0]) }
  if (shown.type === 'short_answer') return { text: q.rubric || '按规程操作。' }
  const right = new Set(q.options.filter((o) => o.correct).map((o) => o.text))
  if (wrong) return { option_ids: [shown.options.find((o) => !right.has(o.text)).id] }
  return { option_ids: shown.options.filter((o) => right.has(o.text)).map((o) => o.id) }
}
