import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@tmrm/common';
import type { DescribeLeaf } from '../feature-path';
import type { FeatureEncoderState } from '../input/feature-encoder';
import type { ModelConfig, ResolvedModelConfig } from '../model/model-config';
import { ParameterStore, type Parameter } from '../model/parameter-store';
import { TmrmModel } from '../model/tmrm-model';
import { Optimizer } from '../optim/optimizer';
import { SnapshotError } from '../model-errors';

/** The snapshot format version this code writes and reads. */
export const snapshotFormatVersion = 1;
const magic = Buffer.from('TMRMSNAP', 'ascii');

/** Options of {@link serializeModel} and {@link saveModelDirectory}. */
export interface SaveOptions {
  /** Also save Adam/Adagrad state, so training resumes exactly. Default true. */
  includeOptimizer?: boolean;
  /** The GBDT ensemble's own bytes, stored opaquely beside the network. */
  gbdt?: Uint8Array | null;
}

/** What loading returns besides the model. */
export interface LoadedModel {
  model: TmrmModel;
  gbdt: Buffer | null;
  /** The content hash (sha256, hex) that was verified. */
  sha256: string;
  leafSpaceVersion: string | null;
}

interface BlobEntry {
  name: string;
  role: 'parameter' | 'optimizer' | 'leafCounts' | 'gbdt';
  dtype: 'float32' | 'float64' | 'bytes';
  shape: number[];
  byteLength: number;
  /** For parameters: updated densely or by rows. */
  kind?: Parameter['kind'];
}

interface Manifest {
  format: 'tmrm-model';
  version: number;
  config: ModelConfig;
  leafSpaceVersion: string | null;
  encoder: FeatureEncoderState;
  randomState: number;
  optimizerStep: number | null;
  blobs: BlobEntry[];
}

/**
 * The whole model as one byte buffer (for Kafka): "TMRMSNAP", the format version (uint32 LE),
 * the sha256 of the rest, then the manifest length (uint32 LE), the manifest JSON (config,
 * vocabularies, leaf-space version, blob table) and the blobs (parameters, optimizer slots,
 * leaf counts, GBDT bytes). Floats are stored little-endian, as every supported host runs.
 */
export function serializeModel(model: TmrmModel, options: SaveOptions = {}): Buffer {
  const { manifestBytes, blobs } = encodeParts(model, options);
  const payload = Buffer.concat([u32(manifestBytes.length), manifestBytes, ...blobs]);
  const hash = createHash('sha256').update(payload).digest();
  return Buffer.concat([magic, u32(snapshotFormatVersion), hash, payload]);
}

/** Reads a buffer written by {@link serializeModel}; fails clearly on any mismatch. */
export function deserializeModel(
  bytes: Buffer,
  options: { logger?: Logger; describeLeaf?: DescribeLeaf } = {},
): LoadedModel {
  if (bytes.length < 48 || !bytes.subarray(0, 8).equals(magic)) {
    throw new SnapshotError('model snapshot: not a tmrm model snapshot (bad magic bytes)');
  }
  const version = bytes.readUInt32LE(8);
  if (version !== snapshotFormatVersion) {
    const fix = `this build reads version ${snapshotFormatVersion}; use a matching tmrm`;
    throw new SnapshotError(`model snapshot: format version ${version} is not supported; ${fix}`);
  }
  const expected = bytes.subarray(12, 44).toString('hex');
  const payload = bytes.subarray(44);
  const actual = createHash('sha256').update(payload).digest('hex');
  if (actual !== expected) {
    const problem = `content hash ${actual} does not match the recorded ${expected}`;
    throw new SnapshotError(`model snapshot: ${problem}; the snapshot is corrupt or truncated`);
  }
  const manifestLength = payload.readUInt32LE(0);
  const manifest = JSON.parse(payload.subarray(4, 4 + manifestLength).toString('utf8'));
  return decodeParts(manifest as Manifest, payload.subarray(4 + manifestLength), actual, options);
}

/**
 * Saves the snapshot as a directory: `model.tmrm` (the same bytes as {@link serializeModel})
 * and a readable `manifest.json` with the version and hash, written to temporary names first
 * and renamed, so a reader never sees half a snapshot.
 */
export async function saveModelDirectory(
  model: TmrmModel,
  directory: string,
  options: SaveOptions = {},
): Promise<string> {
  const bytes = serializeModel(model, options);
  await mkdir(directory, { recursive: true });
  const manifest = {
    format: 'tmrm-model-directory',
    version: snapshotFormatVersion,
    sha256: bytes.subarray(12, 44).toString('hex'),
    leafSpaceVersion: model.leafSpaceVersion,
    file: 'model.tmrm',
  };
  const target = path.join(directory, 'model.tmrm');
  await writeFile(`${target}.tmp`, bytes);
  await rename(`${target}.tmp`, target);
  const manifestPath = path.join(directory, 'manifest.json');
  await writeFile(`${manifestPath}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
  await rename(`${manifestPath}.tmp`, manifestPath);
  return manifest.sha256;
}

/** Loads a directory written by {@link saveModelDirectory}, checking its recorded hash. */
export async function loadModelDirectory(
  directory: string,
  options: { logger?: Logger; describeLeaf?: DescribeLeaf } = {},
): Promise<LoadedModel> {
  let manifest: { version?: number; sha256?: string; file?: string };
  try {
    manifest = JSON.parse(await readFile(path.join(directory, 'manifest.json'), 'utf8'));
  } catch (cause) {
    throw new SnapshotError(`model snapshot: cannot read ${directory}/manifest.json`, { cause });
  }
  if (manifest.version !== snapshotFormatVersion) {
    throw new SnapshotError(
      `model snapshot: directory format version ${manifest.version} unsupported`,
    );
  }
  const bytes = await readFile(path.join(directory, manifest.file ?? 'model.tmrm'));
  const loaded = deserializeModel(bytes, options);
  if (loaded.sha256 !== manifest.sha256) {
    throw new SnapshotError('model snapshot: manifest.json and model.tmrm disagree on the hash');
  }
  return loaded;
}

function encodeParts(model: TmrmModel, options: SaveOptions) {
  const state = model.internals;
  const blobs: Buffer[] = [];
  const entries: BlobEntry[] = [];
  const add = (entry: Omit<BlobEntry, 'byteLength'>, data: ArrayBufferView) => {
    entries.push({ ...entry, byteLength: data.byteLength });
    blobs.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  };
  for (const p of state.store.all()) {
    add(
      { name: p.name, role: 'parameter', dtype: 'float32', shape: p.shape, kind: p.kind },
      p.values,
    );
  }
  const optimizer = options.includeOptimizer === false ? null : state.optimizer.toState();
  for (const [name, slots] of Object.entries(optimizer?.slots ?? {})) {
    slots.forEach((slot, i) => {
      add(
        { name: `${name}#${i}`, role: 'optimizer', dtype: 'float32', shape: [slot.length] },
        slot,
      );
    });
  }
  if (state.leafCounts) {
    const counts = state.leafCounts;
    add(
      { name: 'leafCounts', role: 'leafCounts', dtype: 'float64', shape: [counts.length] },
      counts,
    );
  }
  if (options.gbdt) {
    add({ name: 'gbdt', role: 'gbdt', dtype: 'bytes', shape: [options.gbdt.length] }, options.gbdt);
  }
  const manifest: Manifest = {
    format: 'tmrm-model',
    version: snapshotFormatVersion,
    config: plainConfig(state.config),
    leafSpaceVersion: model.leafSpaceVersion,
    encoder: state.encoder.toState(),
    randomState: state.random.seedState,
    optimizerStep: optimizer?.step ?? null,
    blobs: entries,
  };
  return { manifestBytes: Buffer.from(JSON.stringify(manifest), 'utf8'), blobs };
}

function decodeParts(
  manifest: Manifest,
  data: Buffer,
  sha256: string,
  options: { logger?: Logger; describeLeaf?: DescribeLeaf },
): LoadedModel {
  if (manifest.format !== 'tmrm-model' || manifest.version !== snapshotFormatVersion) {
    throw new SnapshotError(
      `model snapshot: manifest format ${manifest.format} v${manifest.version}`,
    );
  }
  const store = new ParameterStore();
  const slots: Record<string, Float32Array[]> = {};
  let leafCounts: Float64Array | null = null;
  let gbdt: Buffer | null = null;
  let offset = 0;
  for (const entry of manifest.blobs) {
    if (offset + entry.byteLength > data.length) {
      throw new SnapshotError(`model snapshot: blob ${entry.name} runs past the end`);
    }
    const copy = new Uint8Array(data.subarray(offset, offset + entry.byteLength)).buffer;
    offset += entry.byteLength;
    if (entry.role === 'parameter') {
      const values = new Float32Array(copy);
      store.add({ name: entry.name, kind: entry.kind ?? 'dense', shape: entry.shape, values });
    } else if (entry.role === 'optimizer') {
      const [name, index] = entry.name.split('#');
      (slots[name] ??= [])[Number(index)] = new Float32Array(copy);
    } else if (entry.role === 'leafCounts') {
      leafCounts = new Float64Array(copy);
    } else {
      gbdt = Buffer.from(copy);
    }
  }
  const config = restoreConfig(manifest.config);
  const optimizer = new Optimizer(config.optimizer ?? { kind: 'adam' });
  if (manifest.optimizerStep !== null) optimizer.loadState({ step: manifest.optimizerStep, slots });
  const model = TmrmModel.restore({
    config,
    encoderState: manifest.encoder,
    store,
    leafCounts,
    randomState: manifest.randomState,
    optimizer,
    ...options,
  });
  return { model, gbdt, sha256, leafSpaceVersion: manifest.leafSpaceVersion };
}

/** The resolved config as plain JSON (Infinity has no JSON form, so clipNorm uses null). */
function plainConfig(config: ResolvedModelConfig): ModelConfig {
  const { leafSpace, clipNorm, ...rest } = config;
  return {
    ...rest,
    leafSpace: leafSpace ? leafSpace.spec : null,
    clipNorm: Number.isFinite(clipNorm) ? clipNorm : (null as unknown as number),
  };
}

function restoreConfig(config: ModelConfig): ModelConfig {
  return { ...config, clipNorm: config.clipNorm === null ? Infinity : config.clipNorm };
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
}
