/**
 * Asks the service worker that controls this page something it answers once, on a port of the
 * message: resolves to its answer, or undefined with no worker or none within `silenceMs` (an older
 * version that does not know the question, a worker stopped mid-way).
 */
export function askWorker<Answer>(message: { type: string; [field: string]: unknown }, silenceMs: number): Promise<Answer | undefined> {
  const controller = navigator.serviceWorker?.controller;
  if (!controller) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const silence = setTimeout(() => resolve(undefined), silenceMs);
    channel.port1.onmessage = ({ data }: MessageEvent<Answer>) => {
      clearTimeout(silence);
      resolve(data);
    };
    controller.postMessage(message, [channel.port2]);
  });
}
