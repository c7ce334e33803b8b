/** Why a document could not be read as a plan. Each code has a bilingual message for officials and logs. */
export type PlanParseErrorCode =
  | 'EMPTY'
  | 'TOO_LARGE'
  | 'BINARY'
  | 'UNDECODABLE'
  | 'UNSUPPORTED_FORMAT'
  | 'NOT_A_PLAN';

const MESSAGES: Record<PlanParseErrorCode, string> = {
  EMPTY: '文件为空，没有可解析的内容 (the file is empty)',
  TOO_LARGE: '文件超过 10 MB 上限 (the file is larger than 10 MB)',
  BINARY: '文件不是文本文档，无法识别 (the file is binary, not a text document)',
  UNDECODABLE: '无法识别文件编码（支持 UTF-8、GB18030/GBK） (the text encoding could not be decoded)',
  UNSUPPORTED_FORMAT: '不支持的文件格式 (unsupported file format)',
  NOT_A_PLAN: '未发现编号结构或任务表，不像是规划/方案文件 (not a plan: no numbered structure and no task table)',
};

export class PlanParseError extends Error {
  readonly code: PlanParseErrorCode;

  constructor(code: PlanParseErrorCode, detail?: string) {
    super(detail ? `${MESSAGES[code]}: ${detail}` : MESSAGES[code]);
    this.name = 'PlanParseError';
    this.code = code;
  }
}
