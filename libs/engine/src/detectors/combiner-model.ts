// Written by `npm run fit:combiner` (tools/eval/src/fit-combiner-main.ts): do not edit by hand.
import type { CombinerModel } from "./combiner-types";

export const COMBINER_MODEL: CombinerModel = {
  version: "combiner-1",
  fittedOn: "field:7001, field:7002, field:7003, field:7004, field:7005, randomised:501, randomised:502, randomised:601, randomised:602, randomised:603, randomised:604",
  features: ["share_fresh_account", "share_farm_device", "share_shared_device", "share_fresh_subnet", "share_dense_subnet", "share_superhuman_taps", "share_acted_without_join", "share_scheduled_timing", "share_subnet_schedule", "share_ghost_visits", "share_quick_follow", "share_repeat_orders", "share_shared_payment_account", "share_buyer_ring", "share_shared_address", "share_refunded_in_stream", "share_unpaid_order", "share_low_value_order", "share_repeat_refunds", "share_batch_created", "share_stacked_identity", "share_lockstep_likes", "share_ghost_crowd", "share_proxied_phone", "share_any_tell", "share_suspicious", "share_left", "share_never_liked", "log_active"],
  kinds: {
    orders: {
      mean: [0.078688, 0.015221, 0.043835, 0.000457, 0.062721, 0, 0.026971, 0.000593, 0, 0, 0, 0.081648, 0.033241, 0.011965, 0.067544, 0, 0.107396, 0.190528, 0, 0.000496, 0, 0, 0, 0.020921, 0.426723, 0.045187, 0.657356, 0.627938, 2.767254],
      scale: [0.169038, 0.106562, 0.134117, 0.006151, 0.174539, 1, 0.110548, 0.014456, 1, 1, 1, 0.160378, 0.138622, 0.095478, 0.206399, 1, 0.139406, 0.269566, 1, 0.012604, 1, 1, 1, 0.119373, 0.283523, 0.16459, 0.234286, 0.206874, 0.793466],
      weights: [-0.251639, 0.954107, -0.128813, -0.425301, -0.449695, 0, 2.007083, 0.504372, 0, 0, 0, 0.117253, 0.063167, 0.829156, -0.233137, 0, -0.025116, 0.139937, 0, 0.555737, 0, 0, 0, 1.390035, 0.096445, 1.397196, 0.151211, 0.5528, -0.274211],
      bias: 0.093561,
      threshold: 9.238937,
      maxAccounts: 76,
    },
  },
};
