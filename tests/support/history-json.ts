// Event histories as the JSON that `temporal workflow show --output json` and the Web UI write,
// for replay fixtures. Not @temporalio/common's historyToJSON/historyFromJSON: npm gives
// @temporalio/common and @temporalio/proto separate copies of protobufjs 8 (the top level holds
// v7 for @grpc/proto-loader), and protobufjs rejects types made by the other copy ("type must be
// a Type"). Loading protojson from where @temporalio/proto resolves protobufjs avoids the mismatch.
import { createRequire } from 'node:module';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root.js';

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

const requireFromProto = createRequire(createRequire(import.meta.url).resolve('@temporalio/proto'));
const protojson = requireFromProto('protobufjs/ext/protojson') as ProtoJson;
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType(
  'temporal.api.history.v1.History',
);

export function historyToJson(history: History): string {
  const message = proto.temporal.api.history.v1.History.fromObject(history);
  return `${JSON.stringify(protojson.toJson(historyType, message), null, 2)}\n`;
}

/** Tolerates fields it does not know, as histories from newer servers carry them. */
export function historyFromJson(json: unknown): History {
  return protojson.fromJson(historyType, json, { ignoreUnknownFields: true }) as History;
}
