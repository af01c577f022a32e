/**
 * The demo's misleading-claims room (issue 22): a bird's-nest drink whose
 * label says 0.014 % bird's nest, published on `live.products`, and a
 * streamer who calls it 30 % — among a corrected slip, a customer's question
 * read out and ordinary patter, which must stay quiet.
 */
import { LiveEvent, ProductFacts } from "@redline/proto";

export interface ClaimsRoom {
  products: ProductFacts[];
  events: LiveEvent[];
}

const LINES: ReadonlyArray<[offsetMs: number, text: string]> = [
  [0, "家人们晚上好，今天给大家带来这款燕窝饮品"],
  [10_000, "有宝宝问是不是纯燕窝？配料表大家自己看哈"],
  [20_000, "每瓶含燕窝百分之五，哎说错了，具体看配料表"],
  [30_000, "这款燕窝饮品，燕窝含量高达百分之三十！"],
  [45_000, "喜欢的点点关注，1号链接"],
  [60_000, "还有两分钟上新，大家别走开"],
];

export function claimsRoom(roomId: string, startMs: number): ClaimsRoom {
  const skuId = `${roomId}-sku-nest`;
  const products = [
    ProductFacts.fromPartial({
      skuId,
      platform: "demo",
      validFromMs: startMs - 3_600_000,
      name: "燕窝饮品",
      aliases: ["bird's nest drink"],
      brand: "Demo",
      composition: [
        { name: "bird's nest", aliases: ["燕窝"], percent: 0.014 },
        { name: "water", aliases: ["水"], percent: 91.986 },
        { name: "sugar", aliases: ["白砂糖"], percent: 8 },
      ],
      originCountry: "CN",
      priceCents: 9_900,
      currency: "CNY",
      listings: [{ roomId, linkNumber: 1 }],
    }),
  ];
  const events = LINES.map(([offsetMs, text], i) => {
    const endMs = startMs + offsetMs;
    return LiveEvent.fromPartial({
      eventId: `${roomId}-seg-${i}`,
      roomId,
      eventTimeMs: endMs,
      platform: "demo",
      body: { $case: "transcript", value: { segmentId: `${roomId}-seg-${i}`, speakerId: `${roomId}-streamer`, startMs: endMs - 4_000, endMs, language: "zh", text, skuId } },
    });
  });
  return { products, events };
}
