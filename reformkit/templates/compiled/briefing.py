from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'briefing.md.j2'

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
    l_0_dated = resolve('dated')
    l_0_h = resolve('h')
    l_0_groups = resolve('groups')
    l_0_overview = resolve('overview')
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
        t_3 = environment.filters['lead_in']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'lead_in' found.")
    try:
        t_4 = environment.filters['raw']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'raw' found.")
    try:
        t_5 = environment.filters['yaml_string']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'yaml_string' found.")
    pass
    if (undefined(name='front_matter') if l_0_front_matter is missing else l_0_front_matter):
        pass
        yield '---\ntitle: '
        yield str(environment.finalize(t_5((undefined(name='title') if l_0_title is missing else l_0_title))))
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
    yield '\n'
    if (undefined(name='dated') if l_0_dated is missing else l_0_dated):
        pass
        yield '\n'
        yield str(environment.finalize((undefined(name='dated') if l_0_dated is missing else l_0_dated)))
        yield '\n'
    yield '\n## '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'contents')))
    yield '\n\n'
    for l_1_group in (undefined(name='groups') if l_0_groups is missing else l_0_groups):
        _loop_vars = {}
        pass
        if environment.getattr(l_1_group, 'name'):
            pass
            yield '- ['
            yield str(environment.finalize(environment.getattr(l_1_group, 'name')))
            yield '](#'
            yield str(environment.finalize(environment.getattr(l_1_group, 'anchor')))
            yield ')\n'
            for l_2_case in environment.getattr(l_1_group, 'cases'):
                _loop_vars = {}
                pass
                yield '  - ['
                yield str(environment.finalize(environment.getattr(l_2_case, 'heading')))
                yield '](#'
                yield str(environment.finalize(environment.getattr(l_2_case, 'anchor')))
                yield ')\n'
            l_2_case = missing
        else:
            pass
            for l_2_case in environment.getattr(l_1_group, 'cases'):
                _loop_vars = {}
                pass
                yield '- ['
                yield str(environment.finalize(environment.getattr(l_2_case, 'heading')))
                yield '](#'
                yield str(environment.finalize(environment.getattr(l_2_case, 'anchor')))
                yield ')\n'
            l_2_case = missing
    l_1_group = missing
    yield '\n## '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'overview')))
    yield '\n\n| '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'number')))
    yield ' | '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'case')))
    yield ' | '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'status')))
    yield ' | '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'key_figures')))
    yield ' | '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'region')))
    yield ' | '
    yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'published')))
    yield ' |\n|:---:|---|---|---|---|---|\n'
    for (l_1_program, l_1_members) in (undefined(name='overview') if l_0_overview is missing else l_0_overview):
        _loop_vars = {}
        pass
        if l_1_program:
            pass
            yield '| | **'
            yield str(environment.finalize(t_1(l_1_program)))
            yield '** | | | | |\n'
        for l_2_case in l_1_members:
            l_2_w = resolve('w')
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_2_case, 'position')))
            yield ' | '
            yield str(environment.finalize(t_1(environment.getattr(l_2_case, 'title'))))
            yield ' | '
            yield str(environment.finalize(t_1(environment.getattr(l_2_case, 'status_text'))))
            yield ' | '
            yield str(environment.finalize((t_2(context.eval_ctx, environment.getattr(l_2_case, 'key_figures'), environment.getattr((undefined(name='w') if l_2_w is missing else l_2_w), 'item_sep')) if environment.getattr(l_2_case, 'key_figures') else environment.getattr((undefined(name='w') if l_2_w is missing else l_2_w), 'none'))))
            yield ' | '
            yield str(environment.finalize(t_1(environment.getattr(l_2_case, 'region_text'))))
            yield ' | '
            yield str(environment.finalize(t_1(environment.getattr(l_2_case, 'published_text'))))
            yield ' |\n'
        l_2_case = l_2_w = missing
    l_1_program = l_1_members = missing
    l_1_loop = missing
    for l_1_group, l_1_loop in LoopContext((undefined(name='groups') if l_0_groups is missing else l_0_groups), undefined):
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
                yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'see_also')))
                yield str(environment.finalize(t_4(environment.getattr((undefined(name='w') if l_1_w is missing else l_1_w), 'colon'))))
                l_2_loop = missing
                for l_2_item, l_2_loop in LoopContext(environment.getattr(l_1_group, 'see_also'), undefined):
                    _loop_vars = {}
                    pass
                    yield '['
                    yield str(environment.finalize(environment.getattr(l_2_item, 'heading')))
                    yield '](#'
                    yield str(environment.finalize(environment.getattr(l_2_item, 'anchor')))
                    yield ')'
                    yield str(environment.finalize((t_4(environment.getattr((undefined(name='w') if l_1_w is missing else l_1_w), 'list_sep')) if (not environment.getattr(l_2_loop, 'last')) else '')))
                l_2_loop = l_2_item = missing
                yield '\n'
        l_2_loop = missing
        for l_2_case, l_2_loop in LoopContext(environment.getattr(l_1_group, 'cases'), undefined):
            _loop_vars = {}
            pass
            yield '\n'
            yield str(environment.finalize(t_4(('###' if environment.getattr(l_1_group, 'name') else '##'))))
            yield ' '
            yield str(environment.finalize(environment.getattr(l_2_case, 'heading')))
            yield '\n\n'
            if environment.getattr(l_2_case, 'subtitle'):
                pass
                yield '*'
                yield str(environment.finalize(environment.getattr(l_2_case, 'subtitle')))
                yield '*\n\n'
            yield str(environment.finalize(environment.getattr(l_2_case, 'meta_line')))
            yield '\n\n'
            if environment.getattr(l_2_case, 'agencies'):
                pass
                yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'agencies')))
                yield str(environment.finalize(t_4(environment.getattr((undefined(name='w') if l_1_w is missing else l_1_w), 'colon'))))
                yield str(environment.finalize(t_2(context.eval_ctx, environment.getattr(l_2_case, 'agencies'), environment.getattr((undefined(name='w') if l_1_w is missing else l_1_w), 'list_sep'))))
                yield '\n\n'
            if environment.getattr(l_2_case, 'summary'):
                pass
                yield str(environment.finalize(environment.getattr(l_2_case, 'summary')))
                yield '\n\n'
            yield '**'
            yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'practices')))
            yield '**\n\n'
            l_3_loop = missing
            for l_3_item, l_3_loop in LoopContext(environment.getattr(l_2_case, 'practices'), undefined):
                l_3_lang = resolve('lang')
                _loop_vars = {}
                pass
                yield str(environment.finalize(environment.getattr(l_3_loop, 'index')))
                yield '. '
                yield str(environment.finalize(t_3(l_3_item, (undefined(name='lang') if l_3_lang is missing else l_3_lang))))
                yield '\n'
            l_3_loop = l_3_item = l_3_lang = missing
            yield '\n'
            if environment.getattr(l_2_case, 'outcomes'):
                pass
                yield '**'
                yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'outcomes')))
                yield '**\n\n'
                l_3_loop = missing
                for l_3_item, l_3_loop in LoopContext(environment.getattr(l_2_case, 'outcomes'), undefined):
                    l_3_lang = resolve('lang')
                    _loop_vars = {}
                    pass
                    yield str(environment.finalize(environment.getattr(l_3_loop, 'index')))
                    yield '. '
                    yield str(environment.finalize(t_3(l_3_item, (undefined(name='lang') if l_3_lang is missing else l_3_lang))))
                    yield '\n'
                l_3_loop = l_3_item = l_3_lang = missing
                yield '\n'
            if environment.getattr(l_2_case, 'metric_rows'):
                pass
                yield '**'
                yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'metrics')))
                yield '**\n\n| '
                yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'label')))
                yield ' | '
                yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'figure')))
                yield ' | '
                yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'transition')))
                yield ' | '
                yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'change')))
                yield ' | '
                yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'as_of')))
                yield ' |\n|---|---|---|---|---|\n'
                for l_3_m in environment.getattr(l_2_case, 'metric_rows'):
                    _loop_vars = {}
                    pass
                    yield '| '
                    yield str(environment.finalize(t_1(environment.getattr(l_3_m, 'label'))))
                    yield ' | '
                    yield str(environment.finalize(t_1(environment.getattr(l_3_m, 'figure'))))
                    yield ' | '
                    yield str(environment.finalize(t_1(environment.getattr(l_3_m, 'transition'))))
                    yield ' | '
                    yield str(environment.finalize(t_1(environment.getattr(l_3_m, 'change_text'))))
                    yield ' | '
                    yield str(environment.finalize(t_1(environment.getattr(l_3_m, 'as_of_text'))))
                    yield ' |\n'
                l_3_m = missing
                yield '\n'
            if environment.getattr(l_2_case, 'recognition'):
                pass
                yield '**'
                yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'recognition')))
                yield '**'
                yield str(environment.finalize(t_4(environment.getattr((undefined(name='w') if l_1_w is missing else l_1_w), 'colon'))))
                yield str(environment.finalize(t_2(context.eval_ctx, environment.getattr(l_2_case, 'recognition'), '；')))
                yield '\n\n'
            yield str(environment.finalize(environment.getattr((undefined(name='h') if l_0_h is missing else l_0_h), 'source')))
            yield str(environment.finalize(t_4(environment.getattr((undefined(name='w') if l_1_w is missing else l_1_w), 'colon'))))
            yield str(environment.finalize(environment.getattr(l_2_case, 'source_text')))
            yield '\n'
        l_2_loop = l_2_case = missing
    l_1_loop = l_1_group = l_1_w = missing

blocks = {}
debug_info = '9=50&11=53&12=55&13=58&15=61&20=64&22=66&23=68&25=71&28=74&30=76&31=79&32=82&33=86&34=90&37=97&38=101&43=108&45=110&47=122&48=125&49=128&51=130&52=135&55=150&56=154&58=157&59=159&61=162&64=177&66=181&68=185&69=188&72=190&74=192&75=194&78=198&79=200&82=203&84=206&85=210&88=216&89=219&91=222&92=226&96=232&97=235&99=237&101=247&102=251&106=263&107=266&110=271'

# briefing.md.j2 as Jinja2 compiles it for the report environment, written by
# tools/compile_templates.py from the template: do not edit. The renderer uses it only
# while the template's text, Jinja2's version and the environment are these. It is
# Jinja2's untyped code, so mypy does not check it:
# mypy: ignore-errors
SOURCE_SHA256 = '35330acafe30f0e4205c9ce93e966a2d2d8e4e057fa89f081af8da09e960bdbe'
JINJA2 = '3.1.6'
ENVIRONMENT = 'trim_blocks=True lstrip_blocks=True keep_trailing_newline=True autoescape=False finalize=_finalize filters=abs,attr,batch,capitalize,cell,center,count,d,default,dictsort,e,escape,filesizeformat,first,float,forceescape,format,groupby,indent,int,items,join,last,lead_in,length,list,lower,map,max,md,min,pprint,random,raw,reject,rejectattr,replace,reverse,round,safe,select,selectattr,slice,sort,string,striptags,sum,title,tojson,trim,truncate,unique,upper,urlencode,urlize,wordcount,wordwrap,xmlattr,yaml_string'
