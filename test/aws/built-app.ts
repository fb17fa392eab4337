import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Intrinsic =
  | string
  | { Ref: string }
  | { 'Fn::ImportValue': string }
  | { 'Fn::GetAtt': [string, string] }
  | { 'Fn::Join': [string, Intrinsic[]] };
interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}
interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: Intrinsic; Export?: { Name: string } }>;
}

/** A built function: where its bundle is, and its settings from the synthesized template. */
export interface BuiltFunction {
  logicalId: string;
  handler: string;
  root: string;
  timeoutSeconds: number;
  memoryMb: number;
  env: Record<string, string>;
}

/** What a local resource is called, by CloudFormation type and logical id (`attr` for Fn::GetAtt). */
export type Locals = (type: string, logicalId: string, attr?: string) => string;

/**
 * The app as `sst build` left it in its cloud assembly: every template, and for each function its bundle folder
 * (`asset.<hash>`, named by the S3 key of its code) and its environment with CloudFormation references resolved
 * to local resources by `locals` (Ref, Fn::GetAtt, Fn::ImportValue across stacks, Fn::Join). An intrinsic it
 * cannot resolve fails the test: a new kind of reference must be handled, not silently dropped.
 */
export class BuiltApp {
  readonly templates: Template[];
  private locals: Locals = (type, id) => {
    throw new Error(`no local resource for ${type} ${id} yet`);
  };
  constructor(readonly outDir: string) {
    this.templates = readdirSync(outDir)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => JSON.parse(readFileSync(join(outDir, f), 'utf8')) as Template);
  }

  /** How references resolve to the local servers (set once they run). */
  setLocals(locals: Locals): void {
    this.locals = locals;
  }

  /** Every resource of a type, with its logical id and template. */
  resources(type: string): { id: string; resource: Resource; template: Template }[] {
    return this.templates.flatMap((template) =>
      Object.entries(template.Resources)
        .filter(([, r]) => r.Type === type)
        .map(([id, resource]) => ({ id, resource, template })),
    );
  }

  /** The function whose handler is `handler` (`functions/probe.handler`). */
  fn(handler: string): BuiltFunction {
    const found = this.resources('AWS::Lambda::Function').find((r) => r.resource.Properties?.Handler === handler);
    if (!found) throw new Error(`no function with handler ${handler} in the built templates`);
    const p = found.resource.Properties as {
      Timeout: number;
      MemorySize?: number;
      Code: { S3Key: string };
      Environment?: { Variables: Record<string, Intrinsic> };
    };
    const env = Object.fromEntries(
      Object.entries(p.Environment?.Variables ?? {}).map(([k, v]) => [k, this.resolve(v, found.template)]),
    );
    return {
      logicalId: found.id,
      handler,
      root: join(this.outDir, `asset.${p.Code.S3Key.replace(/\.zip$/, '')}`),
      timeoutSeconds: p.Timeout,
      // CloudFormation's default when the template names none.
      memoryMb: p.MemorySize ?? 128,
      env,
    };
  }

  /** Resolves a CloudFormation value to a string, in the template that holds it. */
  resolve(v: Intrinsic, t: Template): string {
    if (typeof v === 'string') return v;
    if ('Ref' in v) return this.locals(this.typeOf(t, v.Ref), v.Ref);
    if ('Fn::GetAtt' in v) return this.locals(this.typeOf(t, v['Fn::GetAtt'][0]), v['Fn::GetAtt'][0], v['Fn::GetAtt'][1]);
    if ('Fn::Join' in v) return v['Fn::Join'][1].map((p) => this.resolve(p, t)).join(v['Fn::Join'][0]);
    if ('Fn::ImportValue' in v) {
      const name = v['Fn::ImportValue'];
      for (const other of this.templates) {
        const out = Object.values(other.Outputs ?? {}).find((o) => o.Export?.Name === name);
        if (out) return this.resolve(out.Value, other);
      }
      throw new Error(`no stack exports ${name}`);
    }
    throw new Error(`cannot resolve ${JSON.stringify(v)}`);
  }

  private typeOf(t: Template, id: string): string {
    const r = t.Resources[id];
    if (!r) throw new Error(`no resource ${id}`);
    return r.Type;
  }
}
