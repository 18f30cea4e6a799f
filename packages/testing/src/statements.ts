import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/**
 * Records the SQL of every statement run through a database handle it is plugged into
 * (`db.withPlugin(recorder)`), for tests that bound how many statements a piece of work
 * takes. `begin` and `commit` are not statements of the handle and are not recorded.
 */
export class StatementRecorder implements KyselyPlugin {
  /** The statements run, in the order they finished. */
  readonly statements: string[] = [];
  private readonly compiler = new PostgresQueryCompiler();
  /** Statements compiled and not yet finished, by query id. */
  private readonly running = new WeakMap<object, RootOperationNode>();

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    this.running.set(queryId, node);
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const node = this.running.get(queryId);
    if (node !== undefined) this.statements.push(this.compiler.compileQuery(node, queryId).sql);
    return result;
  }

  /** The statements run that match `pattern` (e.g. the tables they name). */
  matching(pattern: RegExp): string[] {
    return this.statements.filter((statement) => pattern.test(statement));
  }
}
