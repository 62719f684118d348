import { type EleventyPatch, expectMethod, isPatched, patchOnce } from "./patch.ts";

/**
 * DepGraph's `overallOrder` for a graph that allows cycles, as Eleventy's are: the same depth-first
 * walk and the same order, but DepGraph then looks for nodes the walk missed with `indexOf` on the
 * result for every node, n² comparisons (0.14 s of a rebuild at 10,000 articles, and Eleventy asks
 * for the order several times a build). A node the walk reached is marked visited, so walking from
 * every node again adds exactly the missed ones.
 */
function circularOrder(
  nodes: Map<string, unknown>,
  outgoing: Map<string, string[]>,
  incoming: Map<string, string[]>,
  leavesOnly: boolean,
): string[] {
  const result: string[] = [];
  const visited = new Set<string>();
  const walk = (start: string) => {
    if (visited.has(start)) return;
    const inCurrentPath = new Set<string>();
    const todo: { node: string; processed: boolean }[] = [{ node: start, processed: false }];
    while (todo.length > 0) {
      const current = todo[todo.length - 1] as { node: string; processed: boolean };
      const node = current.node;
      if (!current.processed) {
        if (visited.has(node) || inCurrentPath.has(node)) {
          todo.pop();
          continue;
        }
        inCurrentPath.add(node);
        const edges = outgoing.get(node) as string[];
        // Pushed in reverse, as DepGraph does, to visit them in their order.
        for (let i = edges.length - 1; i >= 0; i--) todo.push({ node: edges[i] as string, processed: false });
        current.processed = true;
      } else {
        todo.pop();
        inCurrentPath.delete(node);
        visited.add(node);
        if (!leavesOnly || (outgoing.get(node) as string[]).length === 0) result.push(node);
      }
    }
  };
  const keys = [...nodes.keys()];
  for (const node of keys) if ((incoming.get(node) as string[]).length === 0) walk(node);
  for (const node of keys) walk(node);
  return result;
}

type Graph = {
  hasNode(node: string): boolean;
  outgoingEdges: Map<string, string[]>;
  incomingEdges: Map<string, string[]>;
  circular?: boolean;
  nodes: Map<string, unknown>;
};

const name = "dependency-graph-edges";

/**
 * Eleventy 3 records which template uses which collection in a `dependency-graph` DepGraph, and
 * every template is an edge of the same two nodes (the basic and the `all` collection). DepGraph
 * skips an edge it already has with `indexOf` on that node's edge list, so adding n templates costs
 * n²/2 comparisons: 11 s of CPU at 50,000 articles. This keeps a Set beside each edge list for that
 * check; the lists, their order and everything that reads them stay DepGraph's.
 */
export const dependencyGraphEdges: EleventyPatch = {
  name,
  touches: "DepGraph#addDependency and #overallOrder (the dependency-graph package Eleventy loads)",
  costWithout: "templates are ordered with n² comparisons: about 11 s more CPU a build at 50,000 articles",
  neededFor: () => true,
  async prepare(eleventy) {
    const { DepGraph } = eleventy.require("dependency-graph") as { DepGraph?: { prototype?: Record<string, unknown> } };
    const prototype = DepGraph?.prototype;
    if (prototype === undefined) return "dependency-graph exports no DepGraph";
    if (isPatched(prototype, name)) return () => {};
    const add = expectMethod(prototype, "DepGraph", "addDependency", 2, ["outgoingEdges", "incomingEdges", "hasNode"]);
    if (typeof add === "string") return add;
    const ordered = expectMethod(prototype, "DepGraph", "overallOrder", 1, ["this.circular", "incomingEdges", "outgoingEdges"]);
    if (typeof ordered === "string") return ordered;
    const overallOrder = ordered as (this: Graph, leavesOnly?: boolean) => string[];
    return () =>
      patchOnce(prototype, name, () => {
        const sets = new WeakMap<string[], Set<string>>();
        const addOnce = (list: string[], item: string) => {
          let set = sets.get(list);
          // A list shortened by removeDependency (or changed otherwise) gets a fresh set.
          if (set === undefined || set.size !== list.length) {
            set = new Set(list);
            sets.set(list, set);
          }
          if (!set.has(item)) {
            list.push(item);
            set.add(item);
          }
        };
        prototype.addDependency = function (this: Graph, from: string, to: string): boolean {
          if (!this.hasNode(from)) throw new Error(`Node does not exist: ${from}`);
          if (!this.hasNode(to)) throw new Error(`Node does not exist: ${to}`);
          addOnce(this.outgoingEdges.get(from) as string[], to);
          addOnce(this.incomingEdges.get(to) as string[], from);
          return true;
        };
        prototype.overallOrder = function (this: Graph, leavesOnly?: boolean) {
          if (!this.circular) return overallOrder.call(this, leavesOnly);
          return circularOrder(this.nodes, this.outgoingEdges, this.incomingEdges, leavesOnly === true);
        };
      });
  },
};
