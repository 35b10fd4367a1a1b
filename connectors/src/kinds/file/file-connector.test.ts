import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadContext, ReadMessage, SourceRecord } from '../../sdk/types.ts';
import { detectEncoding } from './detect-encoding.ts';
import { FileConnector } from './file-connector.ts';

// Real files in a real folder; the database side (checksums) is a stub here and real in the sync tests.
const header = '房间编码,使用面积(㎡),楼栋名称\r\n';
const rows = 'FZX-A01-512,18.50,A区1号楼\r\nFZX-A01-513,３６．００,A区1号楼\r\n';

describe('file kind', () => {
  let inbox: string;
  const connector = new FileConnector();
  beforeEach(async () => {
    inbox = await mkdtemp(join(tmpdir(), 'hub-file-'));
  });
  afterEach(async () => {
    await rm(inbox, { recursive: true, force: true });
  });

  const context = (imported = new Set<string>()): ReadContext => ({
    source: 'test',
    runId: 1,
    signal: new AbortController().signal,
    timeZone: 'Asia/Shanghai',
    isFileImported: async (checksum) => imported.has(checksum),
    log: () => undefined,
  });
  const config = (encoding = 'auto') =>
    connector.parseConfig(
      {
        connection: { inbox },
        streams: [
          {
            name: 'rooms',
            pattern: 'rooms*.csv',
            mapping: 'office-space/rooms',
            encoding,
            headers: { 房间编码: 'roomCode', '使用面积(㎡)': 'usableArea' },
          },
        ],
      },
      'test',
    );
  async function read(encoding = 'auto', imported = new Set<string>()) {
    const records: SourceRecord[] = [];
    const messages: ReadMessage[] = [];
    for await (const m of connector.read(
      config(encoding),
      [{ name: 'rooms', mode: 'incremental' }],
      {},
      context(imported),
    )) {
      messages.push(m);
      if (m.type === 'records') records.push(...m.records);
      if (m.type === 'state') await m.afterCommit?.();
    }
    return { records, messages };
  }

  it.each([
    ['GBK', iconv.encode(header + rows, 'gbk')],
    ['GB18030', iconv.encode(header + rows.replace('A区', '𠀀区'), 'gb18030')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(header + rows)])],
    ['UTF-8', Buffer.from(header + rows)],
  ])('reads %s with Chinese headers mapped by config', async (_name, bytes) => {
    await writeFile(join(inbox, 'rooms-1.csv'), bytes);
    const { records, messages } = await read();
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ roomCode: 'FZX-A01-512', usableArea: '18.50' });
    expect(records[1]!.usableArea).toBe('３６．００');
    expect(String(records[0]!['楼栋名称'])).toMatch(/区1号楼$/);
    const state = messages.find((m) => m.type === 'state');
    expect(state).toMatchObject({ cursor: { file: 'rooms-1.csv', status: 'IMPORTED', rows: 2 } });
    expect(await readdir(join(inbox, 'archive', 'processed'))).toHaveLength(1);
    expect((await readdir(inbox)).filter((f) => f.endsWith('.csv'))).toHaveLength(0);
  });

  it('detects encodings from a sample', () => {
    expect(detectEncoding(iconv.encode('房间编码,楼栋名称,使用状态,更新时间\n', 'gbk'))).toBe('gb18030');
    expect(detectEncoding(Buffer.from('房间编码\n'))).toBe('utf8');
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('utf8');
  });

  it('fails a file whose headers are missing or undecodable, with a reason, and archives it as failed', async () => {
    await writeFile(join(inbox, 'rooms-a.csv'), Buffer.from('编号,面积\r\n1,2\r\n'));
    await writeFile(join(inbox, 'rooms-b.csv'), iconv.encode(header + rows, 'gbk'));
    const missing = await read('auto');
    const rejects = missing.messages.filter((m) => m.type === 'reject');
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({
      reason: expect.stringMatching(
        /^rooms-a\.csv: missing column\(s\) 房间编码, 使用面积\(㎡\); the header row has 编号, 面积/,
      ),
    });
    expect(await readdir(join(inbox, 'archive', 'failed'))).toHaveLength(1);

    await writeFile(join(inbox, 'rooms-c.csv'), iconv.encode(header + rows, 'gbk'));
    const wrong = await read('utf8');
    expect(wrong.messages.find((m) => m.type === 'reject')).toMatchObject({
      reason: expect.stringMatching(/does not decode as utf8.*declare the file's encoding/),
    });
  });

  it('skips a file whose checksum was already imported and archives it as a duplicate', async () => {
    await writeFile(join(inbox, 'rooms-1.csv'), Buffer.from(header + rows));
    const first = await read();
    const checksum = (
      first.messages.find((m) => m.type === 'state') as unknown as { cursor: { checksum: string } }
    ).cursor.checksum;
    await writeFile(join(inbox, 'rooms-2.csv'), Buffer.from(header + rows));
    const second = await read('auto', new Set([checksum]));
    expect(second.records).toHaveLength(0);
    expect(await readdir(join(inbox, 'archive', 'duplicate'))).toHaveLength(1);
  });
});
