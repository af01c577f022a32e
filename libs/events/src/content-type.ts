/** Header naming a message's encoding; absent means protobuf binary. */
export const CONTENT_TYPE_HEADER = "content-type";
export const CONTENT_TYPE_JSON = "application/json";
export const CONTENT_TYPE_PROTOBUF = "application/x-protobuf";

export type Encoding = "protobuf" | "json";

/** `application/json` (any case, with or without parameters) is JSON; anything else is protobuf. */
export function encodingOf(contentType: string | undefined): Encoding {
  if (contentType === undefined) return "protobuf";
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase();
  return mediaType === CONTENT_TYPE_JSON ? "json" : "protobuf";
}

export function contentTypeOf(encoding: Encoding): string {
  return encoding === "json" ? CONTENT_TYPE_JSON : CONTENT_TYPE_PROTOBUF;
}
