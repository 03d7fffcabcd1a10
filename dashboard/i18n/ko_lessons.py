"""Korean for the lesson presets (English: ``experiments/spec/presets.py``).

Each lesson names the seed tutorial's section by its own Korean heading;
``tests/dashboard/test_glossary.py`` checks every heading named here against the seed. The
numbers are the presets' own (checked by ``tests/experiments/test_preset_outcomes.py``).
"""

LESSONS: dict[str, str] = {
    "preset.vanishing.title": "깊은 신경망에서 시그모이드 함수 대 렐루",
    "preset.vanishing.section": "2) 인공 신경망 › 3. 활성화 함수 › "
    "(3) 시그모이드 함수와 기울기 소실",
    "preset.vanishing.explanation": "시그모이드 층 여섯 개가 층마다 기울기를 줄입니다. 에포크 "
    "1에서 첫 층은 마지막 층 기울기의 1/1000도 받지 못하고 (히트맵의 첫 줄들이 어두워짐), 40 "
    "에포크 뒤 검증 정확도는 우연 수준인 0.50입니다. 렐루는 기울기를 그대로 전달하여 "
    "(첫 층/마지막 층 약 1) 0.95에 이릅니다 (시드 3개의 평균).",
    "preset.init.title": "렐루에서 세이비어(Glorot) 초기화 대 He 초기화",
    "preset.init.section": "6) 기울기 소실과 폭주 › 3. 가중치 초기화",
    "preset.init.explanation": "He 초기화는 깊은 렐루 신경망의 신호 크기를 유지합니다. 에포크 "
    "1에서 모든 층의 기울기가 Glorot의 약 20배이고, 에포크 10에서 검증 손실이 0.23인 반면 층마다 "
    "조금씩 줄어든 Glorot는 아직 0.68입니다 (우연 수준: 0.69). 60 에포크 뒤 He는 검증 정확도 "
    "0.93, Glorot는 0.89에 이릅니다. 단순한 normal(0, 0.05) 초기화는 조용히 시작하고 (기울기 "
    "~1e-5) 마지막 층이 죽어 0.50에 머뭅니다 (시드 3개의 평균).",
    "preset.optimizers.title": "SGD 대 모멘텀 대 아다그라드 대 알엠에스프롭 대 아담",
    "preset.optimizers.section": "04) 딥 러닝의 학습 방법 › 3. 옵티마이저",
    "preset.optimizers.explanation": "같은 신경망과 데이터, Keras 기본 학습률, 80 에포크: "
    "모멘텀, RMSprop, Adam은 검증 손실 0.09, 0.14, 0.14 (정확도 0.96, 0.95, 0.95)에, 기본 SGD는 "
    "0.24 (0.89)에 이릅니다. 기본 학습률이 작은 Adagrad는 0.48 (0.82)로 뒤처집니다 (시드 3개의 "
    "평균).",
    "preset.overfitting.title": "작은 훈련 데이터에서 규제 없음 대 L2 규제 대 드롭아웃",
    "preset.overfitting.section": "5) 과적합을 막는 방법들",
    "preset.overfitting.explanation": "훈련 데이터의 10%만 쓰면 넓은 신경망이 데이터를 "
    "외웁니다. 검증 손실이 150 에포크 동안 0.31에서 2.1로 다시 올라가고, 차이 (검증 손실 빼기 "
    "훈련 손실)는 2.1로 끝납니다. L2 규제는 차이를 0.13, 드롭아웃은 0.38로 유지하고, 둘 다 "
    "검증 정확도 0.86으로 끝납니다 (규제 없음 0.81, 시드 3개의 평균).",
    "preset.normalization.title": "정규화 없음 대 배치 정규화 대 층 정규화",
    "preset.normalization.section": "6) 기울기 소실과 폭주 › 4. 배치 정규화, 5. 층 정규화",
    "preset.normalization.explanation": "첫 수업의 깊은 시그모이드 신경망에서 각 층의 활성화 "
    "함수 입력을 (튜토리얼처럼 활성화 함수 앞에서) 정규화하면 다시 학습됩니다. 120 에포크 뒤 "
    "배치 정규화는 검증 정확도 0.95 (손실 0.10), 층 정규화는 0.91 (손실 0.23)에 이르고, "
    "정규화가 없으면 0.50에 머뭅니다 (시드 3개의 평균).",
    "preset.batch.title": "배치 경사 하강법 대 확률적 경사 하강법 대 미니 배치 경사 하강법",
    "preset.batch.section": "04) 딥 러닝의 학습 방법 › 2. 배치 크기에 따른 경사 하강법",
    "preset.batch.explanation": "에포크당 이터레이션을 보세요. 배치 경사 하강법 (1회)은 "
    "매끄럽지만 느려서 30 에포크 뒤 검증 손실이 0.38입니다. 확률적 경사 하강법 (배치 크기 1, "
    "300회)은 가장 멀리 가서 0.10이지만 곡선이 흔들립니다 (모두 합쳐 0.36만큼 되돌아 올라감). "
    "크기 32의 미니 배치 (10회)는 그 사이인 0.21이며, 배치 경사 하강법만큼 매끄럽습니다 (시드 "
    "3개의 평균).",
    "preset.clipping.title": "높은 학습률에서 그래디언트 클리핑 없음 대 있음",
    "preset.clipping.section": "6) 기울기 소실과 폭주 › 2. 그래디언트 클리핑",
    "preset.clipping.explanation": "학습률 2.5에서는 거대한 기울기 하나가 모든 시드에서 기본 "
    "SGD를 폭주시킵니다 (에포크 1, 19, 1에서 발산: 곡선이 거기서 멈춤). 각 기울기의 노름을 1로 "
    "자르는 그래디언트 클리핑은 모든 스텝을 제한하므로 (3~10 스텝이 잘림) 살아남아 검증 정확도 "
    "0.96에 이릅니다 (시드 3개의 평균).",
    # variant labels: only those with English words (Keras names such as relu, he_normal, Adam
    # and clipnorm stay); "random_normal (naive)" keeps the name a learner types into Keras
    "preset.init.variant.random_normal (naive)": "random_normal (단순)",
    "preset.optimizers.variant.SGD + momentum 0.9": "SGD + 모멘텀 0.9",
    "preset.overfitting.variant.no regularization": "규제 없음",
    "preset.overfitting.variant.dropout 0.5": "드롭아웃 0.5",
    "preset.normalization.variant.no normalization": "정규화 없음",
    "preset.normalization.variant.batch normalization": "배치 정규화",
    "preset.normalization.variant.layer normalization": "층 정규화",
    "preset.batch.variant.full batch": "전체 배치",
    "preset.batch.variant.SGD (batch 1)": "SGD (배치 1)",
    "preset.batch.variant.mini-batch 32": "미니 배치 32",
    "preset.clipping.variant.no clipping": "클리핑 없음",
    "preset.step.title": "계단 함수 대 시그모이드 함수 (계단 함수를 학습시킬 수 없는 이유)",
    "preset.step.section": "2) 인공 신경망 › 3. 활성화 함수 › (2) 계단 함수",
    "preset.step.explanation": "계단 함수의 미분값은 0이라 은닉층에 기울기가 전혀 도달하지 "
    "않습니다 (히트맵의 그 줄이 비어 있음). 출력층만 고정된 특성 위에서 학습하여 검증 정확도 "
    "0.88에 머뭅니다. 시그모이드 신경망은 두 층을 모두 학습하여 300 에포크 뒤 0.96에 이릅니다 "
    "(시드 3개의 평균).",
}
