import { describeOfflineSite } from "./support/offline-site.ts";

// The offline story under a GitHub Pages project site's prefix; at the root in offline.test.ts.
describeOfflineSite("/novosti/");
