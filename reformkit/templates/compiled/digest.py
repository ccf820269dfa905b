from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'digest.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_front_matter = resolve('front_matter')
    l_0_title = resolve('title')
    l_0_date = resolve('date')
    l_0_count = resolve('count')
    l_0_digest_scope = resolve('digest_scope')
    l_0_dated = resolve('dated')
    l_0_groups = resolve('groups')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_3 = environment.filters['raw']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'raw' found.")
    try:
        t_4 = environment.filters['yaml_string']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_string' found.")
    pass
    if (undefined(name='front_matter') if l_0_front_matter is missing else l_0_front_matter):
        pass
        yield '---\ntitle: '
        yield str(environment.finalize(t_4((undefined(name='title') if l_0_title is missing else l_0_title))))
        yield '\n'
        if (undefined(name='date') if l_0_date is missing else l_0_date):
            pass
            yield 'date: '
            yield str(environment.finalize((undefined(name='date') if l_0_date is missing else l_0_date)))
            yield '\n'
        yield 'cases: '
        yield str(environment.finalize((undefined(name='count') if l_0_count is missing else l_0_count)))
        yield '\ngenerator: reformkit\n---\n\n'
    yield '# '
    yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '\n\n'
    yield str(environment.finalize((undefined(name='digest_scope') if l_0_digest_scope is missing else l_0_digest_scope)))
    yield '\n'
    if (undefined(name='dated') if l_0_dated is missing else l_0_dated):
        pass
        yield '\n'
        yield str(environment.finalize((undefined(name='dated') if l_0_dated is missing else l_0_dated)))
        yield '\n'
    l_1_loop = missing
    for l_1_group, l_1_loop in LoopContext((undefined(name='groups') if l_0_groups is missing else l_0_groups), undefined):
        l_1_h = resolve('h')
        l_1_w = resolve('w')
        _loop_vars = {}
        pass
        if environment.getattr(l_1_group, 'name'):
            pass
            yield '\n## '
            yield str(environment.finalize(environment.getattr(l_1_group, 'name')))
            yield '\n'
            if environment.getattr(l_1_group, 'see_also'):
                pass
                yield '\n'
                yield str(environment.finalize(environment.getattr((undefined(name='h') if l_1_h is missing else l_1_h), 'see_also')))
                yield str(environment.finalize(t_3(environment.getattr((undefined(name='w') if l_1_w is missing else l_1_w), 'colon'))))
                l_2_loop = missing
                for l_2_item, l_2_loop in LoopContext(environment.getattr(l_1_group, 'see_also'), undefined):
                    _loop_vars = {}
                    pass
                    yield '['
                    yield str(environment.finalize(environment.getattr(l_2_item, 'heading')))
                    yield '](#'
                    yield str(environment.finalize(environment.getattr(l_2_item, 'anchor')))
                    yield ')'
                    yield str(environment.finalize((t_3(environment.getattr((undefined(name='w') if l_1_w is missing else l_1_w), 'list_sep')) if (not environment.getattr(l_2_loop, 'last')) else '')))
                l_2_loop = l_2_item = missing
                yield '\n'
        for l_2_case in environment.getattr(l_1_group, 'cases'):
            _loop_vars = {}
            pass
            yield '\n'
            yield str(environment.finalize(t_3(('###' if environment.getattr(l_1_group, 'name') else '##'))))
            yield ' '
            yield str(environment.finalize(environment.getattr(l_2_case, 'heading')))
            yield '\n\n'
            yield str(environment.finalize(environment.getattr(l_2_case, 'meta_line')))
            yield '\n\n'
            yield str(environment.finalize((environment.getattr(l_2_case, 'summary') or str_join((t_1(context.eval_ctx, t_2(context, environment.getattr(l_2_case, 'practices'), attribute='title'), '；'), environment.getattr((undefined(name='w') if l_1_w is missing else l_1_w), 'period'), )))))
            yield '\n'
            if environment.getattr(l_2_case, 'key_figure'):
                pass
                yield '\n**'
                yield str(environment.finalize(environment.getattr((undefined(name='h') if l_1_h is missing else l_1_h), 'key_figures')))
                yield '**'
                yield str(environment.finalize(t_3(environment.getattr((undefined(name='w') if l_1_w is missing else l_1_w), 'colon'))))
                yield str(environment.finalize(environment.getattr(l_2_case, 'key_figure')))
                yield '\n'
            yield '\n'
            yield str(environment.finalize(environment.getattr((undefined(name='h') if l_1_h is missing else l_1_h), 'source')))
            yield str(environment.finalize(t_3(environment.getattr((undefined(name='w') if l_1_w is missing else l_1_w), 'colon'))))
            yield str(environment.finalize(environment.getattr(l_2_case, 'source_text')))
            yield '\n'
        l_2_case = missing
    l_1_loop = l_1_group = l_1_h = l_1_w = missing

blocks = {}
debug_info = '4=42&6=45&7=47&8=50&10=53&15=56&17=58&18=60&20=63&22=66&23=71&25=74&26=76&28=79&31=93&33=97&35=101&37=103&38=105&40=108&43=114'

# digest.md.j2 as Jinja2 compiles it for the report environment, written by
# tools/compile_templates.py from the template: do not edit. The renderer uses it only
# while the template's text, Jinja2's version and the environment are these. It is
# Jinja2's untyped code, so mypy does not check it:
# mypy: ignore-errors
SOURCE_SHA256 = '4f777681be0f5ba73992a592d5a896f335aaae154f9ff1242569a5be5518d094'
JINJA2 = '3.1.6'
ENVIRONMENT = 'trim_blocks=True lstrip_blocks=True keep_trailing_newline=True autoescape=False finalize=_finalize filters=abs,attr,batch,capitalize,cell,center,count,d,default,dictsort,e,escape,filesizeformat,first,float,forceescape,format,groupby,indent,int,items,join,last,lead_in,length,list,lower,map,max,md,min,pprint,random,raw,reject,rejectattr,replace,reverse,round,safe,select,selectattr,slice,sort,string,striptags,sum,title,tojson,trim,truncate,unique,upper,urlencode,urlize,wordcount,wordwrap,xmlattr,yaml_string'
