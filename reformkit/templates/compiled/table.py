from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'table.md.j2'

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
    l_0_scope = resolve('scope')
    l_0_h = resolve('h')
    l_0_cases = resolve('cases')
    try:
        t_1 = environment.filters['cell']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'cell' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['yaml_string']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_string' found.")
    pass
    if (undefined(name='front_matter') if l_0_front_matter is missing else l_0_front_matter):
        pass
        yield '---\ntitle: '
        yield str(environment.finalize(t_3((undefined(name='title') if l_0_title is missing else l_0_title))))
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
    yield str(environment.finalize((undefined(name='scope') if l_0_scope is missing else l_0_scope)))
    yield '\n\n| # | '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'id')))
    yield ' | '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'case')))
    yield ' | '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'region')))
    yield ' | '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'status')))
    yield ' | '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'key_figures')))
    yield ' | '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'source')))
    yield ' |\n|---:|---|---|---|---|---|---|\n'
    for l_1_case in (undefined(name='cases') if l_0_cases is missing else l_0_cases):
        l_1_w = resolve('w')
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(environment.getattr(l_1_case, 'position')))
        yield ' | '
        yield str(environment.finalize(t_1(environment.getattr(l_1_case, 'id'))))
        yield ' | '
        yield str(environment.finalize(t_1(environment.getattr(l_1_case, 'title'))))
        yield ' | '
        yield str(environment.finalize(t_1(environment.getattr(l_1_case, 'region_text'))))
        yield ' | '
        yield str(environment.finalize(t_1(environment.getattr(l_1_case, 'status_text'))))
        yield ' | '
        yield str(environment.finalize((t_2(context.eval_ctx, environment.getattr(l_1_case, 'key_figures'), environment.getattr((undefined(name='w') if l_1_w is missing else l_1_w), 'item_sep')) if environment.getattr(l_1_case, 'key_figures') else environment.getattr((undefined(name='w') if l_1_w is missing else l_1_w), 'none'))))
        yield ' | '
        yield str(environment.finalize(t_1(environment.getattr(l_1_case, 'source_text'))))
        yield ' |\n'
    l_1_case = l_1_w = missing

blocks = {}
debug_info = '4=36&6=39&7=41&8=44&10=47&15=50&17=52&19=54&21=66&22=71'

# table.md.j2 as Jinja2 compiles it for the report environment, written by
# tools/compile_templates.py from the template: do not edit. The renderer uses it only
# while the template's text, Jinja2's version and the environment are these. It is
# Jinja2's untyped code, so mypy does not check it:
# mypy: ignore-errors
SOURCE_SHA256 = '55a7c57f56c8840970d32aed1c65dad4232ebaadd1d2006feef54667d80a1902'
JINJA2 = '3.1.6'
ENVIRONMENT = 'trim_blocks=True lstrip_blocks=True keep_trailing_newline=True autoescape=False finalize=_finalize filters=abs,attr,batch,capitalize,cell,center,count,d,default,dictsort,e,escape,filesizeformat,first,float,forceescape,format,groupby,indent,int,items,join,last,lead_in,length,list,lower,map,max,md,min,pprint,random,raw,reject,rejectattr,replace,reverse,round,safe,select,selectattr,slice,sort,string,striptags,sum,title,tojson,trim,truncate,unique,upper,urlencode,urlize,wordcount,wordwrap,xmlattr,yaml_string'
